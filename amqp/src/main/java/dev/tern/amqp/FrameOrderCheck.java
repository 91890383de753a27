package dev.tern.amqp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.transport.Attach;
import org.apache.qpid.proton.amqp.transport.Begin;
import org.apache.qpid.proton.amqp.transport.Close;
import org.apache.qpid.proton.amqp.transport.Detach;
import org.apache.qpid.proton.amqp.transport.End;
import org.apache.qpid.proton.amqp.transport.FrameBody;
import org.apache.qpid.proton.amqp.transport.Open;
import org.apache.qpid.proton.amqp.transport.Transfer;
import org.apache.qpid.proton.engine.impl.ProtocolTracer;
import org.apache.qpid.proton.framing.TransportFrame;

/**
 * Checks the order of the frames a peer sends, which Proton-J leaves partly unchecked (it ignores an
 * attach on a channel that was never begun, for one): open first and once, begin before the frames of a
 * channel, attach on a handle not in use, transfer on an attached handle, nothing after close. A frame out
 * of order throws, which fails the connection.
 */
final class FrameOrderCheck implements ProtocolTracer {

    private final Set<Integer> begun = new HashSet<>();
    private final Map<Integer, Set<UnsignedInteger>> attached = new HashMap<>();
    private boolean opened;
    private boolean closed;

    @Override
    public void receivedFrame(TransportFrame frame) {
        FrameBody body = frame.getBody();
        if (body == null) {
            return;
        }
        int channel = frame.getChannel();
        if (closed) {
            throw violation(body, "after close");
        }
        if (body instanceof Open) {
            if (opened) {
                throw violation(body, "a second time");
            }
            opened = true;
            return;
        }
        if (!opened) {
            throw violation(body, "before open");
        }
        if (body instanceof Close) {
            closed = true;
        } else if (body instanceof Begin) {
            if (!begun.add(channel)) {
                throw violation(body, "on channel " + channel + ", which is already begun");
            }
        } else if (body instanceof End) {
            if (!begun.remove(channel)) {
                throw violation(body, "on channel " + channel + ", which was not begun");
            }
            attached.remove(channel);
        } else if (!begun.contains(channel)) {
            throw violation(body, "on channel " + channel + ", which was not begun");
        } else {
            checkHandle(body, channel);
        }
    }

    private void checkHandle(FrameBody body, int channel) {
        Set<UnsignedInteger> handles = attached.computeIfAbsent(channel, c -> new HashSet<>());
        if (body instanceof Attach attach && !handles.add(attach.getHandle())) {
            throw violation(body, "on handle " + attach.getHandle() + " of channel " + channel + ", already in use");
        } else if (body instanceof Detach detach) {
            handles.remove(detach.getHandle());
        } else if (body instanceof Transfer transfer && !handles.contains(transfer.getHandle())) {
            throw violation(body, "on handle " + transfer.getHandle() + " of channel " + channel
                    + ", which is not attached");
        }
    }

    private static FrameOrderException violation(FrameBody body, String when) {
        return new FrameOrderException("Frame " + body.getClass().getSimpleName().toLowerCase() + " " + when + ".");
    }

    @Override
    public void sentFrame(TransportFrame frame) {
    }

    /** A frame arrived out of the order AMQP prescribes. */
    static final class FrameOrderException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        FrameOrderException(String message) {
            super(message);
        }
    }
}
