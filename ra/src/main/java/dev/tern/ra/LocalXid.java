package dev.tern.ra;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import javax.transaction.xa.Xid;

/** The Xid of a local transaction, which the adapter runs as a one-phase XA branch of its own. */
record LocalXid(byte[] getGlobalTransactionId) implements Xid {

    /** "Tern" in ASCII. */
    private static final int FORMAT_ID = 0x5465726E;
    private static final byte[] BRANCH = {1};

    static LocalXid random() {
        UUID uuid = UUID.randomUUID();
        return new LocalXid(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }

    @Override
    public int getFormatId() {
        return FORMAT_ID;
    }

    @Override
    public byte[] getBranchQualifier() {
        return BRANCH.clone();
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return getGlobalTransactionId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Xid xid && xid.getFormatId() == FORMAT_ID
                && Arrays.equals(xid.getGlobalTransactionId(), getGlobalTransactionId)
                && Arrays.equals(xid.getBranchQualifier(), BRANCH);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(getGlobalTransactionId);
    }
}
