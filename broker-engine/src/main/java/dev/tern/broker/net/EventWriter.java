package dev.tern.broker.net;

import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import dev.tern.protocol.wire.OrderedWriter;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a connection's events to its socket in exactly the order the broker emits them, from any
 * thread, so that an answer never overtakes a delivery pushed just before it by a dispatch thread.
 */
final class EventWriter implements InVmConnector.EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final OrderedWriter writer;

    EventWriter(Channel channel) {
        this.writer = new OrderedWriter(channel);
    }

    @Override
    public void onEvent(Event event) {
        if (!writer.write(event, null)) {
            LOG.debug("Dropped {}: the socket's event loop has stopped", event.getClass().getSimpleName());
        }
    }
}
