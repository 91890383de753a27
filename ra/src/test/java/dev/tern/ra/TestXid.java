package dev.tern.ra;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.Xid;

/** A transaction manager's Xid. */
record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {

    private static final AtomicInteger COUNT = new AtomicInteger();

    static TestXid next() {
        String gtrid = "ra-test-" + COUNT.incrementAndGet() + "-" + System.nanoTime();
        return new TestXid(4711, gtrid.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Xid xid && xid.getFormatId() == getFormatId
                && Arrays.equals(xid.getGlobalTransactionId(), getGlobalTransactionId)
                && Arrays.equals(xid.getBranchQualifier(), getBranchQualifier);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(getGlobalTransactionId);
    }
}
