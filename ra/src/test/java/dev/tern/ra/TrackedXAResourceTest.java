package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The XAResource of a pooled connection, as transaction managers that skip steps call it. */
@Timeout(60)
class TrackedXAResourceTest {

    @Test
    void rollbackOfABranchNeverEndedEndsItFirstAndSendsNothing() throws Exception {
        try (TestBroker broker = new TestBroker(); XAConnection connection = broker.client.createXAConnection()) {
            XASession session = connection.createXASession();
            TrackedXAResource resource = new TrackedXAResource(session.getXAResource());
            Xid xid = TestXid.next();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("never-ended")).send(session.createTextMessage("rolled back"));

            resource.rollback(new TestXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier()));

            assertThat(resource.inTransaction()).isFalse();
            Xid next = TestXid.next();
            resource.start(next, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("never-ended")).send(session.createTextMessage("committed"));
            resource.end(next, XAResource.TMSUCCESS);
            resource.commit(next, true);
            assertThat(broker.receive("never-ended", 5_000)).isEqualTo("committed");
        }
    }

    @Test
    void pooledConnectionsOnOneBrokerAreNeverTheSameResourceManager() throws Exception {
        try (TestBroker broker = new TestBroker(); XAConnection connection = broker.client.createXAConnection()) {
            XAResource raw = connection.createXASession().getXAResource();
            TrackedXAResource one = new TrackedXAResource(raw);
            TrackedXAResource other = new TrackedXAResource(connection.createXASession().getXAResource());

            assertThat(one.isSameRM(one)).isTrue();
            assertThat(one.isSameRM(other)).isFalse();
            assertThat(one.isSameRM(raw)).as("the session an MDB delivery works in").isFalse();
        }
    }
}
