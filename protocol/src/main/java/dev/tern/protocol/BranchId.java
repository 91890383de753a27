package dev.tern.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of an XA transaction branch, as a transaction manager gives it ({@code javax.transaction.xa.Xid}):
 * a format ID, a global transaction ID and a branch qualifier, each of at most 64 bytes.
 */
public record BranchId(int formatId, byte[] globalTransactionId, byte[] branchQualifier) {

    /** The most bytes an XA global transaction ID or branch qualifier may have. */
    public static final int MAX_PART_BYTES = 64;

    public BranchId {
        if (globalTransactionId.length > MAX_PART_BYTES || branchQualifier.length > MAX_PART_BYTES) {
            throw new IllegalArgumentException("An XA transaction ID or branch qualifier has at most "
                    + MAX_PART_BYTES + " bytes");
        }
        globalTransactionId = globalTransactionId.clone();
        branchQualifier = branchQualifier.clone();
    }

    @Override
    public byte[] globalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    /** {@code formatId:gtrid:bqual}, the two IDs in hexadecimal: how operators name a branch. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return formatId + ":" + hex.formatHex(globalTransactionId) + ":" + hex.formatHex(branchQualifier);
    }

    /**
     * Reads the form {@link #toString()} writes.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static BranchId parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("An XA branch is written formatId:gtrid:bqual, the IDs in hexadecimal: "
                    + text);
        }
        try {
            HexFormat hex = HexFormat.of();
            return new BranchId(Integer.parseInt(parts[0]), hex.parseHex(parts[1]), hex.parseHex(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("An XA branch is written formatId:gtrid:bqual, the IDs in hexadecimal: "
                    + text, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BranchId that && formatId == that.formatId
                && Arrays.equals(globalTransactionId, that.globalTransactionId)
                && Arrays.equals(branchQualifier, that.branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
    }
}
