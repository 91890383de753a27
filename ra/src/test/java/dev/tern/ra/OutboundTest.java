package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.TopicConnection;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application's side: connection factory handles from a (fake) server pool, with and without
 * transactions, and the Jakarta EE restrictions on handles.
 */
@Timeout(60)
class OutboundTest {

    private static final long ARRIVES_MILLIS = 5_000;
    private static final long NOTHING_MILLIS = 300;

    private TestBroker broker;
    private TernResourceAdapter adapter;
    private TernManagedConnectionFactory managedFactory;
    private FakeConnectionManager pool;
    private TernRaConnectionFactory factory;

    @BeforeEach
    void deploy() throws Exception {
        broker = new TestBroker();
        adapter = new TernResourceAdapter();
        adapter.setBrokerUrl(broker.url);
        managedFactory = new TernManagedConnectionFactory();
        managedFactory.setResourceAdapter(adapter);
        pool = new FakeConnectionManager();
        factory = (TernRaConnectionFactory) managedFactory.createConnectionFactory(pool);
    }

    @AfterEach
    void undeploy() {
        pool.destroyAll();
        broker.close();
    }

    @Test
    void sendsAndReceivesWithoutATransaction() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertThat(session.getTransacted()).as("outside a transaction the arguments are ignored").isFalse();
            assertThat(session.getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("orders");
            session.createProducer(queue).send(session.createTextMessage("order 1"));
            connection.start();
            TextMessage received = (TextMessage) session.createConsumer(queue).receive(ARRIVES_MILLIS);
            assertThat(received.getText()).isEqualTo("order 1");
        }
        assertThat(broker.receive("orders", NOTHING_MILLIS)).as("acknowledged automatically").isNull();
    }

    @Test
    void createSessionWithoutArgumentsAndQueueAndTopicConnectionsWork() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue("plain")).send(session.createTextMessage("no-arg session"));
        }
        try (QueueConnection connection = factory.createQueueConnection()) {
            var session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createSender(session.createQueue("plain")).send(session.createTextMessage("queue session"));
        }
        try (TopicConnection connection = factory.createTopicConnection()) {
            var session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createPublisher(session.createTopic("nobody-listens")).publish(session.createTextMessage("x"));
        }
        assertThat(broker.receive("plain", ARRIVES_MILLIS)).isEqualTo("no-arg session");
        assertThat(broker.receive("plain", ARRIVES_MILLIS)).isEqualTo("queue session");
    }

    @Test
    void everyCreateContextOverloadSendsAndReceives() {
        try (JMSContext context = factory.createContext()) {
            context.createProducer().setProperty("n", 1).send(context.createQueue("ctx"), "one");
        }
        try (JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            context.createProducer().send(context.createQueue("ctx"), "two");
        }
        try (JMSContext context = factory.createContext(null, null)) {
            context.createProducer().send(context.createQueue("ctx"), "three");
        }
        try (JMSContext context = factory.createContext(null, null, JMSContext.SESSION_TRANSACTED)) {
            assertThat(context.getTransacted()).isFalse();
            context.createProducer().send(context.createQueue("ctx"), "four");
            var consumer = context.createConsumer(context.createQueue("ctx"));
            var first = consumer.receive(ARRIVES_MILLIS);
            assertThat(RuntimeExceptions.unchecked(() -> first.getIntProperty("n"))).isEqualTo(1);
            assertThat(RuntimeExceptions.unchecked(() -> first.getBody(String.class))).isEqualTo("one");
            assertThat(consumer.receiveBody(String.class, ARRIVES_MILLIS)).isEqualTo("two");
            assertThat(consumer.receiveBody(String.class, ARRIVES_MILLIS)).isEqualTo("three");
            assertThat(consumer.receiveBody(String.class, ARRIVES_MILLIS)).isEqualTo("four");
        }
    }

    @Test
    void aSendInAnXaBranchIsInvisibleUntilCommitAndGoneAfterRollback() throws Exception {
        ManagedConnection managed = managedFactory.createManagedConnection(null, null);
        try {
            XAResource resource = managed.getXAResource();
            Connection handle = (Connection) managed.getConnection(null, null);
            Session session = handle.createSession();
            var producer = session.createProducer(session.createQueue("xa"));

            Xid committed = TestXid.next();
            resource.start(committed, XAResource.TMNOFLAGS);
            assertThat(session.getTransacted()).isTrue();
            assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
            producer.send(session.createTextMessage("committed"));
            resource.end(committed, XAResource.TMSUCCESS);
            assertThat(broker.receive("xa", NOTHING_MILLIS)).as("before commit").isNull();
            assertThat(resource.prepare(committed)).isEqualTo(XAResource.XA_OK);
            resource.commit(committed, false);
            assertThat(broker.receive("xa", ARRIVES_MILLIS)).isEqualTo("committed");

            Xid rolledBack = TestXid.next();
            resource.start(rolledBack, XAResource.TMNOFLAGS);
            producer.send(session.createTextMessage("rolled back"));
            resource.end(rolledBack, XAResource.TMSUCCESS);
            resource.rollback(rolledBack);
            assertThat(broker.receive("xa", NOTHING_MILLIS)).isNull();
            assertThat(session.getTransacted()).as("after the branch").isFalse();
        } finally {
            managed.destroy();
        }
    }

    @Test
    void theServerEnlistsTheConnectionInItsTransaction() throws Exception {
        pool.begin();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.getTransacted()).isTrue();
            session.createProducer(session.createQueue("jta")).send(session.createTextMessage("in JTA"));
        }
        assertThat(pool.enlisted).hasSize(1);
        assertThat(broker.receive("jta", NOTHING_MILLIS)).isNull();
        pool.commit();
        assertThat(broker.receive("jta", ARRIVES_MILLIS)).isEqualTo("in JTA");

        broker.send("jta", "consume me in JTA");
        pool.begin();
        try (JMSContext context = factory.createContext()) {
            assertThat(context.createConsumer(context.createQueue("jta")).receiveBody(String.class, ARRIVES_MILLIS))
                    .isEqualTo("consume me in JTA");
        }
        pool.rollback();
        assertThat(broker.receive("jta", ARRIVES_MILLIS)).as("consumed in a rolled-back transaction")
                .isEqualTo("consume me in JTA");
    }

    @Test
    void aLocalTransactionIsAOnePhaseBranchOfTheSameSession() throws Exception {
        ManagedConnection managed = managedFactory.createManagedConnection(null, null);
        try {
            LocalTransaction local = managed.getLocalTransaction();
            Session session = ((Connection) managed.getConnection(null, null)).createSession();
            var producer = session.createProducer(session.createQueue("local"));
            local.begin();
            producer.send(session.createTextMessage("kept"));
            assertThat(broker.receive("local", NOTHING_MILLIS)).isNull();
            local.commit();
            local.begin();
            producer.send(session.createTextMessage("dropped"));
            local.rollback();
            assertThat(broker.receive("local", ARRIVES_MILLIS)).isEqualTo("kept");
            assertThat(broker.receive("local", NOTHING_MILLIS)).isNull();
        } finally {
            managed.destroy();
        }
    }

    @Test
    void closingAHandleFiresConnectionClosedAndCleanupResetsTheSession() throws Exception {
        Connection connection = factory.createConnection();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("cleanup"));
        TemporaryQueue temporary = session.createTemporaryQueue();
        connection.close();

        assertThat(pool.events).singleElement().satisfies(event -> {
            assertThat(event.getId()).isEqualTo(ConnectionEvent.CONNECTION_CLOSED);
            assertThat(event.getConnectionHandle()).isSameAs(connection);
        });
        assertThatThrownBy(() -> consumer.receiveNoWait()).as("closed with its handle")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createProducer(null)).isInstanceOf(IllegalStateException.class);

        broker.send("cleanup", "for the next consumer");
        try (Connection reused = factory.createConnection()) {
            assertThat(pool.created).as("the pooled connection is reused").hasSize(1);
            Session again = reused.createSession();
            assertThat(((TextMessage) again.createConsumer(again.createQueue("cleanup")).receive(ARRIVES_MILLIS))
                    .getText()).isEqualTo("for the next consumer");
            assertThatThrownBy(() -> again.createProducer(temporary).send(again.createTextMessage("x")))
                    .as("the temporary queue was deleted").isInstanceOf(jakarta.jms.JMSException.class);
        }
    }

    @Test
    void aNonTransactionalFactoryNeverEnlists() throws Exception {
        TernManagedConnectionFactory plain = new TernManagedConnectionFactory();
        plain.setResourceAdapter(adapter);
        plain.setTransactional(false);
        assertThat(plain.getTransactionSupport()).isEqualTo(jakarta.resource.spi.TransactionSupport
                .TransactionSupportLevel.NoTransaction);
        var plainFactory = (TernRaConnectionFactory) plain.createConnectionFactory(pool);
        pool.begin();
        try (JMSContext context = plainFactory.createContext()) {
            context.createProducer().send(context.createQueue("untransacted"), "at once");
        }
        assertThat(pool.enlisted).isEmpty();
        assertThat(broker.receive("untransacted", ARRIVES_MILLIS)).isEqualTo("at once");
        pool.rollback();
        ManagedConnection managed = plain.createManagedConnection(null, null);
        try {
            assertThatThrownBy(managed::getXAResource).isInstanceOf(NotSupportedException.class);
            assertThatThrownBy(managed::getLocalTransaction).isInstanceOf(NotSupportedException.class);
        } finally {
            managed.destroy();
        }
    }

    @Test
    void handlesRefuseWhatJakartaEeForbids() throws Exception {
        try (Connection connection = factory.createConnection()) {
            assertThatThrownBy(() -> connection.setClientID("x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> connection.setExceptionListener(e -> { })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(connection::stop).isInstanceOf(IllegalStateException.class);
            Session session = connection.createSession();
            assertThatThrownBy(() -> session.setMessageListener(m -> { })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("q")).setMessageListener(m -> { }))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(connection::createSession).as("one open session per connection")
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(session::commit).as("not transacted").isInstanceOf(IllegalStateException.class);
        }
        try (JMSContext context = factory.createContext()) {
            assertThatThrownBy(() -> context.setClientID("x")).isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(context::stop).isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(() -> context.setExceptionListener(e -> { }))
                    .isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(() -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE))
                    .isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(() -> context.createConsumer(context.createQueue("q")).setMessageListener(m -> { }))
                    .isInstanceOf(IllegalStateRuntimeException.class);
        }
    }

    @Test
    void administeredQueuesWorkWithHandles() throws Exception {
        TernRaQueue queue = new TernRaQueue();
        queue.setName("admin-queue");
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(queue, "via an admin object");
        }
        assertThat(queue.getQueueName()).isEqualTo("admin-queue");
        assertThat(broker.receive("admin-queue", ARRIVES_MILLIS)).isEqualTo("via an admin object");
    }

    @Test
    void aFactoryWithoutAServerOpensAConnectionPerHandle() throws Exception {
        var standalone = (TernRaConnectionFactory) managedFactory.createConnectionFactory();
        try (JMSContext context = standalone.createContext()) {
            context.createProducer().send(context.createQueue("standalone"), "no server");
        }
        assertThat(broker.receive("standalone", ARRIVES_MILLIS)).isEqualTo("no server");
    }
}
