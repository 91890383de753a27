package dev.tern.broker.net;

import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import dev.tern.protocol.wire.OrderedWriter;
import dev.tern.protocol.wire.WireException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a connection's events to its socket in exactly the order the broker emits them, from any
 * thread, so that an answer never overtakes a delivery pushed just before it by a dispatch thread.
 * An answer too large for a frame (a Browsed or Statistics, say) is replaced by a RESOURCE_ALLOCATION
 * Failed answer, so the request fails instead of the connection; any other event that cannot be
 * written closes the socket.
 */
final class EventWriter implements InVmConnector.EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final OrderedWriter writer;

    EventWriter(Channel channel) {
        this.writer = new OrderedWriter(channel);
    }

    @Override
    public void onEvent(Event event) {
        ChannelFutureListener onFailure = event instanceof Event.Answer answer && !(event instanceof Event.Failed)
                ? written -> {
                    WireException tooLarge = WireException.in(written.cause());
                    if (tooLarge != null) {
                        writer.write(new Event.Failed(answer.requestId(), ErrorCode.RESOURCE_ALLOCATION,
                                tooLargeMessage(answer, tooLarge)), null);
                    } else if (!written.isSuccess()) {
                        written.channel().close();
                    }
                }
                : null;
        if (!writer.write(event, onFailure)) {
            LOG.debug("Dropped {}: the socket's event loop has stopped", event.getClass().getSimpleName());
        }
    }

    @Override
    public boolean onlyQueues() {
        return true;
    }

    private static String tooLargeMessage(Event.Answer answer, WireException tooLarge) {
        String what = answer instanceof Event.Browsed ? "The queue holds" : "The answer ("
                + answer.getClass().getSimpleName() + ") holds";
        return what + " more than one frame can carry (" + tooLarge.getMessage() + "); raise the broker's maximum frame size.";
    }
}
