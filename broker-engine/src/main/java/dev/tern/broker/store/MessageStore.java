package dev.tern.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the broker keeps what must survive a restart: durable queues, persistent messages and
 * which queue holds which message.
 *
 * <p>Every change passes through {@link #apply}: one unit of work, applied atomically. The returned
 * future completes only once the unit is durable (synced to disk, for a store on disk), so the
 * broker can answer a send or an acknowledgment then and not before. Implementations may group
 * units from many callers into one commit; units complete in the order they were applied.
 *
 * <p>Ordering contract: units are applied in the order {@code apply} was called.
 */
public interface MessageStore extends AutoCloseable {

    /** Reads everything stored, to rebuild the broker's state at start-up. Called once, before {@link #apply}. */
    StoredState load();

    /**
     * Applies one unit of work atomically.
     *
     * @return completes when the unit is durable, or exceptionally if it could not be applied, in
     *     which case none of it took effect
     */
    CompletableFuture<Void> apply(List<StoreOp> unit);

    /** Finishes the units in flight, then releases files and threads. */
    @Override
    void close();
}
