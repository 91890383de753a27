package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import java.util.Optional;

/**
 * One embedded broker started for one run: it hands out connection factories for each transport and
 * stops every thread it can when closed.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** The broker's display name, as in the result table. */
    String name();

    /** A factory whose connections reach this broker over the given transport. */
    ConnectionFactory connectionFactory(Transport transport);

    /**
     * A factory for producers that send in the given style; the plain factory unless the broker's client
     * needs a setting for that style to keep its promise (see docs/performance.md, "Durability settings").
     */
    default ConnectionFactory connectionFactory(Transport transport, SendStyle style) {
        return connectionFactory(transport);
    }

    /** Journal units and syncs (fsyncs) made since start, when the broker reports them. */
    default Optional<SyncCounters> syncCounters() {
        return Optional.empty();
    }

    /**
     * Figures that describe how the broker was set up for this run rather than what it did, added to the
     * run's results, as in Artemis's journal buffer timeout; none by default.
     */
    default Map<String, Double> setupFigures() {
        return Map.of();
    }

    /** Stops the broker and releases its files and threads. */
    @Override
    void close() throws Exception;
}
