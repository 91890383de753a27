package dev.tern.broker.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the journal's small values: queues and duplicate IDs. Strings are written as a length (-1
 * for null) and UTF-8 bytes, so neither a null nor a long selector needs a special case.
 */
final class JournalRecords {

    private JournalRecords() {
    }

    static byte[] encodeQueue(QueueRecord queue) {
        return write(out -> {
            writeString(out, queue.name());
            writeString(out, queue.address());
            out.writeBoolean(queue.topicSubscription());
            writeString(out, queue.selector());
            out.writeBoolean(queue.noLocal());
            writeString(out, queue.clientId());
            writeString(out, queue.subscriptionName());
            out.writeBoolean(queue.shared());
            out.writeBoolean(queue.paused());
        });
    }

    static QueueRecord decodeQueue(byte[] encoded) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            QueueRecord queue = new QueueRecord(readString(in), readString(in), in.readBoolean(), readString(in),
                    in.readBoolean(), readString(in), readString(in), in.readBoolean());
            // a record written before queues could be paused ends here
            return in.available() > 0 ? queue.withPaused(in.readBoolean()) : queue;
        } catch (IOException e) {
            throw new UncheckedIOException("queue record cannot be decoded", e);
        }
    }

    /** The key of a duplicate ID: unique for each (address, ID) pair, whatever characters they hold. */
    static String duplicateIdKey(String address, String duplicateId) {
        return address.length() + ":" + address + duplicateId;
    }

    static byte[] encodeDuplicateId(StoredState.StoredDuplicateId entry) {
        return write(out -> {
            writeString(out, entry.address());
            writeString(out, entry.duplicateId());
            out.writeLong(entry.sequence());
            out.writeLong(entry.addedAt());
        });
    }

    static StoredState.StoredDuplicateId decodeDuplicateId(byte[] encoded) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            return new StoredState.StoredDuplicateId(readString(in), readString(in), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException("duplicate ID record cannot be decoded", e);
        }
    }

    private interface Writer {
        void writeTo(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
