package dev.tern.jms.xa;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/** An XAResource that records which branch calls the transaction manager made, e.g. {@code commit(onePhase=true)}. */
final class RecordingXAResource extends ForwardingXAResource {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    RecordingXAResource(XAResource delegate) {
        super(delegate);
    }

    /** The calls so far, in order: {@code start}, {@code end}, {@code prepare}, {@code commit(onePhase=…)}, {@code rollback}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        calls.add("start");
        super.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        calls.add("end");
        super.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        calls.add("prepare");
        return super.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        calls.add("commit(onePhase=" + onePhase + ")");
        super.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        calls.add("rollback");
        super.rollback(xid);
    }
}
