package dev.tern.protocol.wire;

import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ReplayFrom;
import dev.tern.protocol.TypedValueCodec;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The field encodings that frames share: strings, ID lists, enums, destinations and consumer specs. */
final class FrameFields {

    private static final int NO_LOCAL = 1;
    private static final int DURABLE = 2;
    private static final int SHARED = 4;
    private static final int EXCLUSIVE = 8;
    private static final int REPLAY = 16;

    private FrameFields() {
    }

    static void writeString(DataOutput out, String value) throws IOException {
        TypedValueCodec.writeString(out, value);
    }

    static String readString(DataInputStream in) throws IOException {
        return TypedValueCodec.readString(in);
    }

    static String readRequiredString(DataInputStream in, String what) throws IOException {
        String value = readString(in);
        if (value == null) {
            throw new IOException(what + " is missing");
        }
        return value;
    }

    static void writeIds(DataOutput out, List<Long> ids) throws IOException {
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    static List<Long> readIds(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * Long.BYTES > in.available()) {
            throw new IOException("ID count " + count + " does not fit the " + in.available() + " bytes left");
        }
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readLong());
        }
        return List.copyOf(ids);
    }

    static void writeEnum(DataOutput out, Enum<?> value) throws IOException {
        out.writeByte(value.ordinal());
    }

    static <E extends Enum<E>> E readEnum(DataInputStream in, E[] values) throws IOException {
        int ordinal = in.readUnsignedByte();
        if (ordinal >= values.length) {
            throw new IOException("unknown " + values[0].getDeclaringClass().getSimpleName() + " " + ordinal);
        }
        return values[ordinal];
    }

    static void writeDestination(DataOutput out, DestinationName destination) throws IOException {
        writeEnum(out, destination.type());
        writeString(out, destination.name());
    }

    static DestinationName readDestination(DataInputStream in) throws IOException {
        DestinationType type = readEnum(in, DestinationType.values());
        return new DestinationName(type, readRequiredString(in, "destination name"));
    }

    static void writeSpec(DataOutput out, ConsumerSpec spec) throws IOException {
        writeDestination(out, spec.destination());
        writeString(out, spec.selector());
        out.writeByte((spec.noLocal() ? NO_LOCAL : 0) | (spec.durable() ? DURABLE : 0) | (spec.shared() ? SHARED : 0)
                | (spec.exclusive() ? EXCLUSIVE : 0) | (spec.replayFrom() != null ? REPLAY : 0));
        writeString(out, spec.subscriptionName());
        if (spec.replayFrom() != null) {
            writeString(out, spec.replayFrom().toString());
        }
    }

    static ConsumerSpec readSpec(DataInputStream in) throws IOException {
        DestinationName destination = readDestination(in);
        String selector = readString(in);
        int flags = in.readUnsignedByte();
        String subscriptionName = readString(in);
        try {
            ReplayFrom replayFrom = (flags & REPLAY) == 0 ? null
                    : ReplayFrom.parse(readRequiredString(in, "replayFrom"));
            return new ConsumerSpec(destination, selector, (flags & NO_LOCAL) != 0, subscriptionName,
                    (flags & DURABLE) != 0, (flags & SHARED) != 0, (flags & EXCLUSIVE) != 0, replayFrom);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid consumer spec: " + e.getMessage(), e);
        }
    }
}
