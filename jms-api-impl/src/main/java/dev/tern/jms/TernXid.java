package dev.tern.jms;

import dev.tern.protocol.BranchId;
import javax.transaction.xa.Xid;

/** An XA branch ID as recover hands it to a transaction manager. */
final class TernXid implements Xid {

    private final BranchId branch;

    TernXid(BranchId branch) {
        this.branch = branch;
    }

    /** The wire's form of a transaction manager's Xid. */
    static BranchId branchOf(Xid xid) {
        return new BranchId(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return branch.formatId();
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return branch.globalTransactionId();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branch.branchQualifier();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Xid xid && branch.equals(branchOf(xid));
    }

    @Override
    public int hashCode() {
        return branch.hashCode();
    }

    @Override
    public String toString() {
        return branch.toString();
    }
}
