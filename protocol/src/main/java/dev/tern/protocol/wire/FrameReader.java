package dev.tern.protocol.wire;

import dev.tern.protocol.BranchId;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.MessageLimits;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.MessageTooLargeException;
import dev.tern.protocol.ReplayFrom;
import dev.tern.protocol.TypedValueCodec;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one frame, each under the name {@link WireFormat} tables it by, and refuses a
 * frame that ends early or holds a bad value with a {@link WireException} naming the frame and the
 * field: {@code frame of type 5 (CreateConsumer) ends before its field 'credit'}. Fields inside a
 * field are named with dots, as {@code spec.destination.name}.
 */
final class FrameReader {

    private final DataInputStream in;
    private final String frame;
    private final MessageLimits limits;

    FrameReader(DataInputStream in, int type, String name, MessageLimits limits) {
        this.in = in;
        this.frame = "frame of type " + type + " (" + name + ")";
        this.limits = limits;
    }

    long readLong(String field) {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw refused(field, e);
        }
    }

    int readInt(String field) {
        try {
            return in.readInt();
        } catch (IOException e) {
            throw refused(field, e);
        }
    }

    int readUnsignedByte(String field) {
        try {
            return in.readUnsignedByte();
        } catch (IOException e) {
            throw refused(field, e);
        }
    }

    boolean readBoolean(String field) {
        return readUnsignedByte(field) != 0;
    }

    /** A string as {@link TypedValueCodec#writeString} writes it, or null. */
    String readString(String field) {
        try {
            return TypedValueCodec.readString(in);
        } catch (IOException e) {
            throw refused(field, e);
        }
    }

    String readRequiredString(String field) {
        String value = readString(field);
        if (value == null) {
            throw new WireException(frame + " has an invalid field '" + field + "': it is missing");
        }
        return value;
    }

    /** A count of entries that take at least {@code minEntrySize} bytes each, refused if they cannot fit. */
    int readCount(String field, int minEntrySize) {
        int count = readInt(field);
        if (count < 0 || (long) count * minEntrySize > available()) {
            throw new WireException(frame + " has an invalid field '" + field + "': count " + count
                    + " does not fit the " + available() + " bytes left");
        }
        return count;
    }

    List<Long> readIds(String field) {
        int count = readInt(field);
        if (count < 0 || (long) count * Long.BYTES > available()) {
            throw new WireException(frame + " has an invalid field '" + field + "': ID count " + count
                    + " does not fit the " + available() + " bytes left");
        }
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(readLong(field));
        }
        return List.copyOf(ids);
    }

    <E extends Enum<E>> E readEnum(String field, E[] values) {
        int ordinal = readUnsignedByte(field);
        if (ordinal >= values.length) {
            throw new WireException(frame + " has an invalid field '" + field + "': unknown "
                    + values[0].getDeclaringClass().getSimpleName() + " " + ordinal);
        }
        return values[ordinal];
    }

    BranchId readBranch(String field) {
        int formatId = readInt(field + ".formatId");
        byte[] globalTransactionId = readBytes(field + ".globalTransactionId", BranchId.MAX_PART_BYTES);
        byte[] branchQualifier = readBytes(field + ".branchQualifier", BranchId.MAX_PART_BYTES);
        return new BranchId(formatId, globalTransactionId, branchQualifier);
    }

    /** A 4-byte length of at most {@code maxLength}, then the bytes. */
    byte[] readBytes(String field, int maxLength) {
        int length = readInt(field);
        if (length < 0 || length > maxLength || length > available()) {
            throw new WireException(frame + " has an invalid field '" + field + "': length " + length
                    + " is not between 0 and " + Math.min(maxLength, available()));
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (IOException e) {
            throw refused(field, e);
        }
        return bytes;
    }

    DestinationName readDestination(String field) {
        DestinationType type = readEnum(field + ".type", DestinationType.values());
        return new DestinationName(type, readRequiredString(field + ".name"));
    }

    ConsumerSpec readSpec(String field) {
        DestinationName destination = readDestination(field + ".destination");
        String selector = readString(field + ".selector");
        int flags = readUnsignedByte(field + ".flags");
        String subscriptionName = readString(field + ".subscriptionName");
        ReplayFrom replayFrom = null;
        if ((flags & FrameFields.REPLAY) != 0) {
            String text = readRequiredString(field + ".replayFrom");
            try {
                replayFrom = ReplayFrom.parse(text);
            } catch (IllegalArgumentException e) {
                throw refused(field + ".replayFrom", e);
            }
        }
        try {
            return new ConsumerSpec(destination, selector, (flags & FrameFields.NO_LOCAL) != 0, subscriptionName,
                    (flags & FrameFields.DURABLE) != 0, (flags & FrameFields.SHARED) != 0,
                    (flags & FrameFields.EXCLUSIVE) != 0, replayFrom);
        } catch (IllegalArgumentException e) {
            throw refused(field, e);
        }
    }

    /** A {@link MessageCodec} record within the reader's limits, else a {@link MessageTooLargeException}. */
    MessageRecord readMessage(String field) {
        try {
            return MessageCodec.read(in, limits);
        } catch (MessageTooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw refused(field, e);
        }
    }

    /** The bytes of the frame not read yet. */
    int available() {
        try {
            return in.available();
        } catch (IOException e) {
            throw new WireException(frame + " cannot be read: " + describe(e), e);
        }
    }

    /** A frame whose fields all read well but do not make a valid record. */
    WireException invalid(RuntimeException e) {
        return new WireException(frame + " is invalid: " + describe(e), e);
    }

    private WireException refused(String field, Exception e) {
        if (e instanceof WireException wire) {
            return wire;
        }
        if (e instanceof EOFException) {
            return e.getMessage() == null
                    ? new WireException(frame + " ends before its field '" + field + "'", e)
                    : new WireException(frame + " ends inside its field '" + field + "': " + e.getMessage(), e);
        }
        return new WireException(frame + " has an invalid field '" + field + "': " + describe(e), e);
    }

    /** A failure's message, or its type where it has none: never a bare {@code null}. */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
