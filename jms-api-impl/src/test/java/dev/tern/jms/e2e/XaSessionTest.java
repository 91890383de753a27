package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * XA sessions and contexts driven by hand, as a transaction manager drives them: sends of a branch arrive
 * when it commits and never if it rolls back, messages it consumed come back when it rolls back, recover
 * lists what is prepared, and misuse gets the broker's XA error codes.
 */
@Timeout(60)
class XaSessionTest {

    private static final long ARRIVES_MILLIS = 5_000;
    private static final long NOTHING_MILLIS = 300;
    private static final AtomicInteger BRANCHES = new AtomicInteger();

    private TestBroker broker;
    private XAConnection xaConnection;
    private XASession xaSession;
    private XAResource resource;
    private Connection plain;
    private Queue queue;

    @BeforeEach
    void open(Transport transport) throws Exception {
        broker = new TestBroker(transport);
        xaConnection = broker.factory.createXAConnection();
        xaConnection.start();
        xaSession = xaConnection.createXASession();
        resource = xaSession.getXAResource();
        plain = broker.startedConnection();
        queue = xaSession.createQueue("xa-orders");
    }

    @AfterEach
    void close() throws JMSException {
        try {
            xaConnection.close();
            plain.close();
        } finally {
            broker.close();
        }
    }

    @TransportTest
    void aBranchsSendsArriveOnlyOnceItCommitsInTwoPhases() throws Exception {
        Xid xid = xid();
        MessageProducer producer = xaSession.createProducer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        producer.send(xaSession.createTextMessage("in a branch"));
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(receive(NOTHING_MILLIS)).as("before prepare").isNull();

        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
        assertThat(receive(NOTHING_MILLIS)).as("prepared").isNull();

        resource.commit(xid, false);
        assertThat(receive(ARRIVES_MILLIS)).isEqualTo("in a branch");
    }

    @TransportTest
    void whatARolledBackBranchConsumedIsRedeliveredAndWhatItSentIsDropped() throws Exception {
        sendPlain("take me");
        Xid xid = xid();
        MessageConsumer consumer = xaSession.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(((TextMessage) consumer.receive(ARRIVES_MILLIS)).getText()).isEqualTo("take me");
        xaSession.createProducer(queue).send(xaSession.createTextMessage("dropped"));
        resource.end(xid, XAResource.TMSUCCESS);
        consumer.close();
        assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);

        resource.rollback(xid);

        try (Session session = plain.createSession(Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer again = session.createConsumer(queue);
            Message redelivered = again.receive(ARRIVES_MILLIS);
            assertThat(((TextMessage) redelivered).getText()).isEqualTo("take me");
            assertThat(redelivered.getJMSRedelivered()).isTrue();
            assertThat(again.receive(NOTHING_MILLIS)).as("the rolled-back send").isNull();
        }
    }

    @TransportTest
    void aBranchThatConsumedCommitsInOnePhaseAndTheMessageIsGone() throws Exception {
        sendPlain("consumed for good");
        Xid xid = xid();
        MessageConsumer consumer = xaSession.createConsumer(queue);
        resource.start(xid, XAResource.TMNOFLAGS);
        assertThat(consumer.receive(ARRIVES_MILLIS)).isNotNull();
        resource.end(xid, XAResource.TMSUCCESS);
        resource.commit(xid, true);
        consumer.close();
        xaSession.close();

        assertThat(receive(NOTHING_MILLIS)).isNull();
    }

    @TransportTest
    void outsideABranchAnXaSessionSendsAtOnceAndAcknowledgesAsAuto() throws Exception {
        xaSession.createProducer(queue).send(xaSession.createTextMessage("no branch"));
        MessageConsumer consumer = xaSession.createConsumer(queue);
        assertThat(consumer.receive(ARRIVES_MILLIS)).isNotNull();
        xaSession.close();

        assertThat(receive(NOTHING_MILLIS)).as("acknowledged when received").isNull();
    }

    @TransportTest
    void commitAndRollbackAreTheTransactionManagers() throws Exception {
        assertThat(xaSession.getTransacted()).isTrue();
        assertThat(xaSession.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThatThrownBy(xaSession::commit).isInstanceOf(TransactionInProgressException.class);
        assertThatThrownBy(xaSession::rollback).isInstanceOf(TransactionInProgressException.class);
        try (XAJMSContext context = broker.factory.createXAContext()) {
            assertThat(context.getTransacted()).isTrue();
            assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
        }
    }

    @TransportTest
    void anXaContextSendsInItsBranch() throws Exception {
        Xid xid = xid();
        try (XAJMSContext context = broker.factory.createXAContext()) {
            XAResource contextResource = context.getXAResource();
            contextResource.start(xid, XAResource.TMNOFLAGS);
            context.getContext().createProducer().send(queue, "from a context");
            contextResource.end(xid, XAResource.TMSUCCESS);
            assertThat(receive(NOTHING_MILLIS)).isNull();
            contextResource.commit(xid, true);
        }
        assertThat(receive(ARRIVES_MILLIS)).isEqualTo("from a context");
    }

    @TransportTest
    void recoverListsThePreparedBranchesInTheScanThatStarts() throws Exception {
        Xid first = xid();
        Xid second = xid();
        for (Xid xid : List.of(first, second)) {
            resource.start(xid, XAResource.TMNOFLAGS);
            xaSession.createProducer(queue).send(xaSession.createTextMessage("prepared"));
            resource.end(xid, XAResource.TMSUCCESS);
            resource.prepare(xid);
        }

        XAResource other = xaConnection.createXASession().getXAResource();
        assertThat(Arrays.asList(other.recover(XAResource.TMSTARTRSCAN))).containsExactlyInAnyOrder(first, second);
        assertThat(other.recover(XAResource.TMENDRSCAN)).isEmpty();
        other.commit(first, false);
        other.rollback(second);
        assertThat(other.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        assertThat(receive(ARRIVES_MILLIS)).isEqualTo("prepared");
        assertThat(receive(NOTHING_MILLIS)).isNull();
    }

    @TransportTest
    void misuseGetsTheBrokersXaErrorCodes() throws Exception {
        assertThatThrownBy(() -> resource.commit(xid(), true)).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_NOTA));
        Xid xid = xid();
        resource.start(xid, XAResource.TMNOFLAGS);
        XAResource other = xaConnection.createXASession().getXAResource();
        assertThatThrownBy(() -> other.start(xid, XAResource.TMNOFLAGS)).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_DUPID));
        assertThatThrownBy(() -> resource.prepare(xid)).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).isEqualTo(XAException.XAER_PROTO));
        resource.end(xid, XAResource.TMSUCCESS);
        assertThat(resource.prepare(xid)).as("nothing done").isEqualTo(XAResource.XA_RDONLY);
    }

    @TransportTest
    void resourcesOfOneBrokerAreTheSameResourceManager() throws Exception {
        assertThat(resource.isSameRM(xaConnection.createXASession().getXAResource())).isTrue();
        try (XAConnection another = broker.factory.createXAConnection()) {
            assertThat(resource.isSameRM(another.createXASession().getXAResource())).isTrue();
        }
        assertThat(resource.setTransactionTimeout(30)).isTrue();
        assertThat(resource.getTransactionTimeout()).isEqualTo(30);
    }

    private void sendPlain(String text) throws JMSException {
        try (Session session = plain.createSession(Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(queue).send(session.createTextMessage(text));
        }
    }

    private String receive(long timeoutMillis) throws JMSException {
        try (JMSContext context = broker.factory.createContext()) {
            return context.createConsumer(queue).receiveBody(String.class, timeoutMillis);
        }
    }

    private static Xid xid() {
        int n = BRANCHES.incrementAndGet();
        return new TestXid(4711, ("tx-" + n + "-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    /** A transaction manager's Xid. */
    private record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
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
}
