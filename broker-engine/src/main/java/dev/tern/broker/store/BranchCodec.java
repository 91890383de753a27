package dev.tern.broker.store;

import dev.tern.protocol.BranchId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a {@link PreparedBranch}: the value of the journal's {@code xa_branches} map, keyed by
 * {@link #key}. Big-endian; a queue name is an int length, then its UTF-8 bytes:
 *
 * <table>
 *   <caption>Layout, version 1</caption>
 *   <tr><th>field</th><th>type</th></tr>
 *   <tr><td>version</td><td>byte, {@value #VERSION}</td></tr>
 *   <tr><td>format ID</td><td>int</td></tr>
 *   <tr><td>global transaction ID</td><td>byte length (0 to 64), then the bytes</td></tr>
 *   <tr><td>branch qualifier</td><td>byte length (0 to 64), then the bytes</td></tr>
 *   <tr><td>sends</td><td>int count, then per send: message ID (long), int count of queues, the queue names</td></tr>
 *   <tr><td>acknowledged</td><td>int count, then per reference: message ID (long), queue name</td></tr>
 * </table>
 *
 * <p>A value of another version is refused rather than guessed at.
 */
final class BranchCodec {

    /** The layout above. */
    static final byte VERSION = 1;

    private BranchCodec() {
    }

    /** The map key of a branch: its {@link BranchId#toString()}, which {@link BranchId#parse} reads back. */
    static String key(BranchId id) {
        return id.toString();
    }

    /** @throws NullPointerException if a queue name is null */
    static byte[] encode(PreparedBranch branch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * branch.sends().size()
                + 32 * branch.acknowledged().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            BranchId id = branch.id();
            out.writeInt(id.formatId());
            writeBytes(out, id.globalTransactionId());
            writeBytes(out, id.branchQualifier());
            out.writeInt(branch.sends().size());
            for (PreparedBranch.Send send : branch.sends()) {
                out.writeLong(send.messageId());
                out.writeInt(send.queueNames().size());
                for (String queueName : send.queueNames()) {
                    writeName(out, queueName);
                }
            }
            out.writeInt(branch.acknowledged().size());
            for (PreparedBranch.Acknowledged acknowledged : branch.acknowledged()) {
                out.writeLong(acknowledged.messageId());
                writeName(out, Objects.requireNonNull(acknowledged.queueName(), "queueName"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a branch of {@link #VERSION} */
    static PreparedBranch decode(byte[] encoded) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        try {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("XA branch record of version " + version + "; this broker reads "
                        + VERSION);
            }
            BranchId id = new BranchId(in.readInt(), readBytes(in), readBytes(in));
            int sendCount = readCount(in, encoded.length);
            List<PreparedBranch.Send> sends = new ArrayList<>(sendCount);
            for (int i = 0; i < sendCount; i++) {
                long messageId = in.readLong();
                int queueCount = readCount(in, encoded.length);
                List<String> queueNames = new ArrayList<>(queueCount);
                for (int j = 0; j < queueCount; j++) {
                    queueNames.add(readName(in));
                }
                sends.add(new PreparedBranch.Send(messageId, queueNames));
            }
            int acknowledgedCount = readCount(in, encoded.length);
            List<PreparedBranch.Acknowledged> acknowledged = new ArrayList<>(acknowledgedCount);
            for (int i = 0; i < acknowledgedCount; i++) {
                acknowledged.add(new PreparedBranch.Acknowledged(in.readLong(), readName(in)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("XA branch record " + id + " has " + in.available()
                        + " bytes beyond its end");
            }
            return new PreparedBranch(id, sends, acknowledged);
        } catch (IOException e) {
            throw new IllegalArgumentException("XA branch record is truncated", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeByte(bytes.length); // at most BranchId.MAX_PART_BYTES
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte();
        if (length > BranchId.MAX_PART_BYTES) {
            throw new IllegalArgumentException("XA branch record holds an ID part of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("end of record inside an ID part");
        }
        return bytes;
    }

    /** A count of entries, each of at least 4 bytes, so at most a quarter of the record's length. */
    private static int readCount(DataInputStream in, int recordLength) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > recordLength / 4) {
            throw new IllegalArgumentException("XA branch record holds a count of " + count + " in "
                    + recordLength + " bytes");
        }
        return count;
    }

    private static void writeName(DataOutputStream out, String name) throws IOException {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readName(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IllegalArgumentException("XA branch record holds a queue name of " + length + " bytes");
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length < length) {
            throw new IOException("end of record inside a queue name");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
