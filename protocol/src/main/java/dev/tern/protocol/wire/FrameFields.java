package dev.tern.protocol.wire;

import dev.tern.protocol.BranchId;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.TypedValueCodec;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * How frames write the field encodings they share: strings, ID lists, enums, destinations and consumer
 * specs. {@link FrameReader} reads them back.
 */
final class FrameFields {

    static final int NO_LOCAL = 1;
    static final int DURABLE = 2;
    static final int SHARED = 4;
    static final int EXCLUSIVE = 8;
    static final int REPLAY = 16;

    private FrameFields() {
    }

    static void writeString(DataOutput out, String value) throws IOException {
        TypedValueCodec.writeString(out, value);
    }

    static void writeIds(DataOutput out, List<Long> ids) throws IOException {
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    /** An XA branch: int formatId, then the global transaction ID and the branch qualifier as {@link #writeBytes}. */
    static void writeBranch(DataOutput out, BranchId branch) throws IOException {
        out.writeInt(branch.formatId());
        writeBytes(out, branch.globalTransactionId());
        writeBytes(out, branch.branchQualifier());
    }

    /** A 4-byte length, then the bytes. */
    static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static void writeEnum(DataOutput out, Enum<?> value) throws IOException {
        out.writeByte(value.ordinal());
    }

    static void writeDestination(DataOutput out, DestinationName destination) throws IOException {
        writeEnum(out, destination.type());
        writeString(out, destination.name());
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
}
