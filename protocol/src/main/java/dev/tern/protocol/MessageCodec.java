package dev.tern.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary form of a {@link MessageRecord}, used by the journal and, later, on the wire.
 *
 * <table>
 *   <caption>Message layout, in order</caption>
 *   <tr><th>field</th><th>encoding</th></tr>
 *   <tr><td>format version</td><td>1 byte, currently 1</td></tr>
 *   <tr><td>flags</td><td>1 byte: bit 0 persistent</td></tr>
 *   <tr><td>priority</td><td>1 byte</td></tr>
 *   <tr><td>body type</td><td>1 byte, {@link BodyType} ordinal</td></tr>
 *   <tr><td>timestamp, expiration, delivery time</td><td>3 × 8 bytes</td></tr>
 *   <tr><td>message ID, correlation ID, type</td><td>3 strings as in {@link TypedValueCodec#writeString}</td></tr>
 *   <tr><td>destination, reply-to</td><td>1 byte type ordinal (255 for none) then a string name</td></tr>
 *   <tr><td>properties</td><td>a map as in {@link TypedValueCodec#writeMap}</td></tr>
 *   <tr><td>body</td><td>4-byte length then the bytes</td></tr>
 * </table>
 */
public final class MessageCodec {

    private static final int VERSION = 1;
    private static final int NO_DESTINATION = 255;

    private MessageCodec() {
    }

    public static byte[] encode(MessageRecord message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + message.bodySize());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static MessageRecord decode(byte[] bytes) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt message record", e);
        }
    }

    public static void write(DataOutput out, MessageRecord m) throws IOException {
        out.writeByte(VERSION);
        out.writeByte(m.persistent() ? 1 : 0);
        out.writeByte(m.priority());
        out.writeByte(m.bodyType().ordinal());
        out.writeLong(m.timestamp());
        out.writeLong(m.expiration());
        out.writeLong(m.deliveryTime());
        TypedValueCodec.writeString(out, m.messageId());
        TypedValueCodec.writeString(out, m.correlationId());
        TypedValueCodec.writeString(out, m.type());
        writeDestination(out, m.destination());
        writeDestination(out, m.replyTo());
        TypedValueCodec.writeMap(out, m.properties());
        byte[] body = m.body();
        out.writeInt(body.length);
        out.write(body);
    }

    /**
     * Reads a message. A message that ends early is refused with an {@link EOFException} naming the
     * field where it ends ("the message ends at its properties"); a bad value with an
     * {@link IOException} saying what is wrong.
     */
    public static MessageRecord read(DataInput in) throws IOException {
        return read(in, MessageLimits.NONE);
    }

    /**
     * Reads a message as {@link #read(DataInput)} does, refusing one beyond the limits with a
     * {@link MessageTooLargeException} before decoding what exceeds them: the property count before any
     * property, the size of the headers and properties after the headers and after each property (from
     * a {@link DataInputStream}, which tells what is left), and the body's length before the body.
     */
    public static MessageRecord read(DataInput in, MessageLimits limits) throws IOException {
        HeaderSize headerSize = new HeaderSize(in, limits);
        String field = "format version";
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException("unsupported message format version " + version);
            }
            field = "flags";
            boolean persistent = (in.readUnsignedByte() & 1) != 0;
            field = "priority";
            int priority = in.readUnsignedByte();
            field = "body type";
            BodyType bodyType = enumAt(BodyType.values(), in.readUnsignedByte(), "body type");
            field = "timestamp";
            long timestamp = in.readLong();
            field = "expiration";
            long expiration = in.readLong();
            field = "delivery time";
            long deliveryTime = in.readLong();
            field = "message ID";
            String messageId = TypedValueCodec.readString(in);
            field = "correlation ID";
            String correlationId = TypedValueCodec.readString(in);
            field = "type";
            String type = TypedValueCodec.readString(in);
            field = "destination";
            DestinationName destination = readDestination(in, "destination");
            field = "reply-to";
            DestinationName replyTo = readDestination(in, "reply-to");
            headerSize.check();
            field = "properties";
            Map<String, Object> properties = readProperties(in, limits, headerSize);
            field = "body";
            int bodyLength = in.readInt();
            if (bodyLength < 0) {
                throw new IOException("negative body length " + bodyLength);
            }
            limits.checkBodySize(bodyLength);
            TypedValueCodec.checkAvailable(in, bodyLength);
            byte[] body = new byte[bodyLength];
            in.readFully(body);
            if (destination == null) {
                throw new IOException("message without destination");
            }
            return new MessageRecord(messageId, destination, timestamp, correlationId, replyTo, type,
                    persistent, priority, expiration, deliveryTime, properties, bodyType, body);
        } catch (EOFException e) {
            EOFException named = new EOFException("the message ends at its " + field
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            named.initCause(e);
            throw named;
        }
    }

    /** The properties, as {@link TypedValueCodec#writeMap} wrote them; each needs a name. */
    private static Map<String, Object> readProperties(DataInput in, MessageLimits limits, HeaderSize headerSize)
            throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative property count " + count);
        }
        limits.checkProperties(count);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String name = TypedValueCodec.readString(in);
            if (name == null) {
                throw new IOException("property " + i + " of " + count + " has no name");
            }
            properties.put(name, TypedValueCodec.readValue(in));
            headerSize.check();
        }
        return properties;
    }

    /** The bytes read since the message started, from a stream that tells what is left; others are not checked. */
    private static final class HeaderSize {
        private final DataInputStream stream;
        private final MessageLimits limits;
        private final long start;

        HeaderSize(DataInput in, MessageLimits limits) throws IOException {
            this.stream = in instanceof DataInputStream s && limits != MessageLimits.NONE ? s : null;
            this.limits = limits;
            this.start = stream == null ? 0 : stream.available();
        }

        void check() throws IOException {
            if (stream != null) {
                limits.checkHeaderSize(start - stream.available());
            }
        }
    }

    private static void writeDestination(DataOutput out, DestinationName destination) throws IOException {
        if (destination == null) {
            out.writeByte(NO_DESTINATION);
        } else {
            out.writeByte(destination.type().ordinal());
            TypedValueCodec.writeString(out, destination.name());
        }
    }

    private static DestinationName readDestination(DataInput in, String what) throws IOException {
        int type = in.readUnsignedByte();
        if (type == NO_DESTINATION) {
            return null;
        }
        DestinationType destinationType = enumAt(DestinationType.values(), type, what + " type");
        String name = TypedValueCodec.readString(in);
        if (name == null) {
            throw new IOException("the message's " + what + " has no name");
        }
        return new DestinationName(destinationType, name);
    }

    private static <E extends Enum<E>> E enumAt(E[] values, int ordinal, String what) throws IOException {
        if (ordinal >= values.length) {
            throw new IOException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }
}
