package dev.tern.stomp;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.stomp.DefaultStompFrame;
import io.netty.handler.codec.stomp.StompCommand;
import io.netty.handler.codec.stomp.StompFrame;
import io.netty.handler.codec.stomp.StompHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The frames the broker writes: CONNECTED, MESSAGE, RECEIPT and ERROR. */
final class ServerFrames {

    private static final Logger LOG = LoggerFactory.getLogger(ServerFrames.class);
    private static final String SERVER = "Tern/" + version();
    /** The most characters of an ERROR's {@code message} header. */
    private static final int MAX_MESSAGE_HEADER = 200;

    private ServerFrames() {
    }

    static StompFrame connected(String version, String heartBeat, String session) {
        DefaultStompFrame connected = new DefaultStompFrame(StompCommand.CONNECTED);
        connected.headers().set(StompHeaders.VERSION, version);
        connected.headers().set(StompHeaders.SERVER, SERVER);
        connected.headers().set(StompHeaders.HEART_BEAT, heartBeat);
        connected.headers().set(StompHeaders.SESSION, session);
        return connected;
    }

    /**
     * The MESSAGE frame of a delivery to a subscription.
     *
     * @param ackId the ID the client ACKs or NACKs it with; null for {@code ack:auto}
     * @param render how the connection shows destinations
     */
    static StompFrame message(Event.Deliver delivery, String messageId, String subscriptionId, String ackId,
            Function<DestinationName, String> render) {
        MessageRecord message = delivery.message();
        MessageMapping.Body body;
        try {
            body = MessageMapping.body(message);
        } catch (RuntimeException e) {
            LOG.warn("Cannot convert {} for STOMP: {}", message, e.getMessage());
            body = new MessageMapping.Body(message.body(), null);
        }
        DefaultStompFrame frame = new DefaultStompFrame(StompCommand.MESSAGE, Unpooled.wrappedBuffer(body.bytes()));
        StompHeaders headers = frame.headers();
        headers.set(StompHeaders.SUBSCRIPTION, subscriptionId);
        headers.set(StompHeaders.MESSAGE_ID, MessageMapping.headerValue(messageId));
        headers.set(StompHeaders.DESTINATION, render.apply(message.destination()));
        if (ackId != null) {
            headers.set(StompHeaders.ACK, ackId);
        }
        headers.set(StompHeaders.CONTENT_LENGTH, Integer.toString(body.bytes().length));
        MessageMapping.addHeaders(headers, message, delivery.deliveryCount(), render, body.contentType());
        return frame;
    }

    static StompFrame receipt(String receipt) {
        DefaultStompFrame frame = new DefaultStompFrame(StompCommand.RECEIPT);
        frame.headers().set(StompHeaders.RECEIPT_ID, receipt);
        return frame;
    }

    /**
     * An ERROR frame: its {@code message} header says what was wrong in one line, its body in full, and it
     * names the receipt of the frame at fault, if that frame was well formed and asked for one.
     */
    static StompFrame error(String message, StompFrame cause) {
        DefaultStompFrame error = new DefaultStompFrame(StompCommand.ERROR,
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
        error.headers().set(StompHeaders.MESSAGE, firstLine(message));
        error.headers().set(StompHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8");
        error.headers().set(StompHeaders.CONTENT_LENGTH, Integer.toString(error.content().readableBytes()));
        String receipt = cause == null || !cause.decoderResult().isSuccess() ? null : FrameHeaders.receipt(cause);
        if (receipt != null) {
            error.headers().set(StompHeaders.RECEIPT_ID, MessageMapping.headerValue(receipt));
        }
        return error;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > MAX_MESSAGE_HEADER ? line.substring(0, MAX_MESSAGE_HEADER) + "..."
                : line.replace('\r', ' ').replace('\0', ' ');
    }

    private static String version() {
        String version = StompHead.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
