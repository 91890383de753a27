package dev.tern.jms.net;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TypedValueCodec;
import dev.tern.protocol.wire.FrameDecoder;
import dev.tern.protocol.wire.FrameEncoder;
import dev.tern.protocol.wire.Hello;
import dev.tern.protocol.wire.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A client that speaks the wire format by hand over a real socket, with none of the client's own
 * checks: frames are made by the protocol module's {@link FrameEncoder} and read back by its
 * {@link FrameDecoder}, so a test can send any sequence of commands, pipelined or not.
 */
public final class RawClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder(WireFormat.DEFAULT_MAX_FRAME_SIZE));
    private final EmbeddedChannel decoder = new EmbeddedChannel(FrameDecoder.forClient(WireFormat.DEFAULT_MAX_FRAME_SIZE));
    private final Deque<Event> received = new ArrayDeque<>();
    private final java.util.Set<Event> deliveriesTaken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects and exchanges hellos; the client never closes the broker for silence. */
    public static RawClient connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        RawClient client = new RawClient(socket);
        client.write(List.of(Hello.current(0)));
        return client;
    }

    /** Writes the commands' frames in one write, without waiting for any answer. */
    public void send(Command... commands) throws IOException {
        write(List.of((Object[]) commands));
    }

    /** Sends one command and returns its answer, skipping deliveries. */
    public Event.Answer call(Command command) throws IOException {
        send(command);
        return answerTo(command.requestId());
    }

    /** Waits for the answer to a request; events before it stay readable through {@link #received()}. */
    Event.Answer answerTo(long requestId) throws IOException {
        return (Event.Answer) next(event -> event instanceof Event.Answer answer && answer.requestId() == requestId);
    }

    /** Waits for the next delivery not read before through this method. */
    Event.Deliver nextDelivery() throws IOException {
        return (Event.Deliver) next(event -> event instanceof Event.Deliver && deliveriesTaken.add(event));
    }

    /** Every event read so far, in arrival order. */
    List<Event> received() {
        return new ArrayList<>(received);
    }

    /** Reads until an event matches, failing if the broker stays silent for the read timeout. */
    private Event next(Predicate<Event> wanted) throws IOException {
        for (Event event : received) {
            if (wanted.test(event)) {
                return event;
            }
        }
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no matching event within " + READ_TIMEOUT_MILLIS + " ms; received " + received, e);
            }
            if (n < 0) {
                throw new AssertionError("the broker closed the connection; received " + received);
            }
            decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
            Event match = null;
            for (Object decoded = decoder.readInbound(); decoded != null; decoded = decoder.readInbound()) {
                if (decoded instanceof Event event) {
                    received.add(event);
                    if (match == null && wanted.test(event)) {
                        match = event;
                    }
                }
            }
            if (match != null) {
                return match;
            }
        }
    }

    private void write(List<Object> frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object frame : frames) {
            encoder.writeOutbound(frame);
            for (ByteBuf encoded = encoder.readOutbound(); encoded != null; encoded = encoder.readOutbound()) {
                byte[] copy = new byte[encoded.readableBytes()];
                encoded.readBytes(copy);
                encoded.release();
                bytes.write(copy);
            }
        }
        socket.getOutputStream().write(bytes.toByteArray());
        socket.getOutputStream().flush();
    }

    /** A text message to a destination, its body encoded as the client's TextMessage encodes it. */
    static MessageRecord textMessage(DestinationName destination, String text, boolean persistent) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        TypedValueCodec.writeString(new DataOutputStream(body), text);
        return new MessageRecord("ID:raw-" + System.nanoTime(), destination, System.currentTimeMillis(), null, null,
                null, persistent, 4, 0, 0, Map.of(), BodyType.TEXT, body.toByteArray());
    }

    /** Drops the connection abruptly: the socket closes with a reset (SO_LINGER 0), not an orderly FIN. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
