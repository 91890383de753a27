package dev.tern.broker.net;

import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a connection's events to its channel in exactly the order the broker emits them, from any
 * thread. Every event goes through the channel's event loop queue, also when emitted on the event loop
 * itself, so an answer never overtakes a delivery pushed just before it by a dispatch thread. The
 * channel is flushed when no more events are queued behind the one written.
 */
final class EventWriter implements InVmConnector.EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final Channel channel;
    private final AtomicInteger queued = new AtomicInteger();

    EventWriter(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void onEvent(Event event) {
        queued.incrementAndGet();
        try {
            channel.eventLoop().execute(() -> write(event));
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.debug("Dropped {} for closed channel {}", event.getClass().getSimpleName(), channel);
        }
    }

    private void write(Event event) {
        channel.write(event, channel.voidPromise());
        if (queued.decrementAndGet() == 0) {
            channel.flush();
        }
    }
}
