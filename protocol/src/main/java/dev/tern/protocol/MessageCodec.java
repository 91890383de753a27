package dev.tern.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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

    public static MessageRecord read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("unsupported message format version " + version);
        }
        boolean persistent = (in.readUnsignedByte() & 1) != 0;
        int priority = in.readUnsignedByte();
        BodyType bodyType = enumAt(BodyType.values(), in.readUnsignedByte(), "body type");
        long timestamp = in.readLong();
        long expiration = in.readLong();
        long deliveryTime = in.readLong();
        String messageId = TypedValueCodec.readString(in);
        String correlationId = TypedValueCodec.readString(in);
        String type = TypedValueCodec.readString(in);
        DestinationName destination = readDestination(in);
        DestinationName replyTo = readDestination(in);
        var properties = TypedValueCodec.readMap(in);
        int bodyLength = in.readInt();
        if (bodyLength < 0) {
            throw new IOException("negative body length " + bodyLength);
        }
        TypedValueCodec.checkAvailable(in, bodyLength);
        byte[] body = new byte[bodyLength];
        in.readFully(body);
        if (destination == null) {
            throw new IOException("message without destination");
        }
        return new MessageRecord(messageId, destination, timestamp, correlationId, replyTo, type,
                persistent, priority, expiration, deliveryTime, properties, bodyType, body);
    }

    private static void writeDestination(DataOutput out, DestinationName destination) throws IOException {
        if (destination == null) {
            out.writeByte(NO_DESTINATION);
        } else {
            out.writeByte(destination.type().ordinal());
            TypedValueCodec.writeString(out, destination.name());
        }
    }

    private static DestinationName readDestination(DataInput in) throws IOException {
        int type = in.readUnsignedByte();
        if (type == NO_DESTINATION) {
            return null;
        }
        return new DestinationName(enumAt(DestinationType.values(), type, "destination type"),
                TypedValueCodec.readString(in));
    }

    private static <E extends Enum<E>> E enumAt(E[] values, int ordinal, String what) throws IOException {
        if (ordinal >= values.length) {
            throw new IOException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }
}
