package dev.tern.jms.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tern under a real transaction manager: Narayana runs global transactions over a Tern XA session and an H2
 * XADataSource, over {@code tcp://} and {@code vm://} to one persistent embedded broker. A message and a database
 * row commit together or roll back together (on request, when marked rollback-only, when the transaction times
 * out); Narayana commits Tern alone in one phase, leaves a read-only Tern branch out of the second phase, and joins
 * the sessions of one broker into one branch. No test leaves a transaction, a log or a prepared branch behind.
 */
@Timeout(60)
class NarayanaXaTest {

    private static final long ARRIVES_MILLIS = 5_000;
    private static final long NOTHING_MILLIS = 300;
    private static final AtomicInteger ORDERS = new AtomicInteger();

    @TempDir
    static Path directory;
    private static final String BROKER = "narayana-" + UUID.randomUUID().toString().substring(0, 8);
    private static Broker broker;
    private static OrdersDatabase database;
    private static TransactionManager transactionManager;

    private XAConnection xaConnection;
    private javax.sql.XAConnection databaseConnection;

    /** How the XA session reaches the broker. */
    enum Transport {
        TCP, VM;

        String url() {
            return this == TCP ? "tcp://127.0.0.1:" + broker.tcpPort() : "vm://" + BROKER;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBrokers.start(BrokerConfig.named(BROKER).withDataDir(directory.resolve("broker"))
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        database = OrdersDatabase.in(directory.resolve("database"));
        database.createTable();
        Narayana.configure(directory.resolve("object-store"));
        transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    @AfterAll
    static void stop() {
        try {
            Narayana.shutDown();
        } finally {
            EmbeddedBrokers.stop(BROKER);
        }
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        try {
            assertThat(transactionManager.getStatus()).as("a transaction left on the thread")
                    .isEqualTo(Status.STATUS_NO_TRANSACTION);
            assertThat(Narayana.transactionLogs()).as("Narayana's unfinished or heuristic transactions").isZero();
            assertThat(broker.xaTransactions().recover()).as("branches left prepared on the broker").isEmpty();
        } finally {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactionManager.rollback();
            }
            if (xaConnection != null) {
                xaConnection.close();
            }
            if (databaseConnection != null) {
                databaseConnection.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSendAndAnInsertCommitTogether(Transport transport) throws Exception {
        String order = order();
        XASession session = xaSession(transport);
        Queue queue = session.createQueue(order);

        transactionManager.begin();
        RecordingXAResource tern = enlistBoth(session);
        session.createProducer(queue).send(session.createTextMessage(order));
        OrdersDatabase.insert(databaseConnection.getConnection(), order);
        assertThat(receive(transport, queue, NOTHING_MILLIS)).as("before the commit").isNull();
        transactionManager.commit();

        assertThat(tern.calls()).containsExactly("start", "end", "prepare", "commit(onePhase=false)");
        assertThat(database.rows(order)).isEqualTo(1);
        assertThat(receive(transport, queue, ARRIVES_MILLIS)).isEqualTo(order);
        assertThat(receive(transport, queue, NOTHING_MILLIS)).as("delivered once").isNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTransactionMarkedRollbackOnlyKeepsNeitherTheMessageNorTheRow(Transport transport) throws Exception {
        String order = order();
        XASession session = xaSession(transport);
        Queue queue = session.createQueue(order);

        transactionManager.begin();
        enlistBoth(session);
        session.createProducer(queue).send(session.createTextMessage(order));
        OrdersDatabase.insert(databaseConnection.getConnection(), order);
        transactionManager.setRollbackOnly();
        assertThatThrownBy(transactionManager::commit).isInstanceOf(RollbackException.class);

        assertThat(database.rows(order)).isZero();
        assertThat(receive(transport, queue, NOTHING_MILLIS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMessageConsumedInARolledBackTransactionIsRedeliveredAndItsRowIsGone(Transport transport) throws Exception {
        String order = order();
        XASession session = xaSession(transport);
        Queue queue = session.createQueue(order);
        try (JMSContext context = new TernConnectionFactory(transport.url()).createContext()) {
            context.createProducer().send(queue, order);
        }

        MessageConsumer consumer = session.createConsumer(queue);
        transactionManager.begin();
        enlistBoth(session);
        Message consumed = consumer.receive(ARRIVES_MILLIS);
        assertThat(((TextMessage) consumed).getText()).isEqualTo(order);
        OrdersDatabase.insert(databaseConnection.getConnection(), "handled " + order);
        transactionManager.rollback();
        consumer.close();

        assertThat(database.rows("handled " + order)).isZero();
        try (JMSContext context = new TernConnectionFactory(transport.url()).createContext()) {
            Message redelivered = context.createConsumer(queue).receive(ARRIVES_MILLIS);
            assertThat(((TextMessage) redelivered).getText()).isEqualTo(order);
            assertThat(redelivered.getJMSRedelivered()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void twoSessionsOfOneBrokerWorkInOneBranchThatNarayanaJoins(Transport transport) throws Exception {
        String order = order();
        XASession first = xaSession(transport);
        Queue queue = first.createQueue(order);
        try (XAConnection other = new TernConnectionFactory(transport.url()).createXAConnection()) {
            XASession second = other.createXASession();
            RecordingXAResource joined = new RecordingXAResource(second.getXAResource());

            transactionManager.begin();
            RecordingXAResource tern = enlistBoth(first);
            transactionManager.getTransaction().enlistResource(joined);
            first.createProducer(queue).send(first.createTextMessage(order + " first"));
            second.createProducer(queue).send(second.createTextMessage(order + " second"));
            OrdersDatabase.insert(databaseConnection.getConnection(), order);
            transactionManager.commit();

            assertThat(tern.calls()).containsExactly("start", "end", "prepare", "commit(onePhase=false)");
            assertThat(joined.calls()).as("the same resource manager, so the same branch").containsExactly("start", "end");
        }
        assertThat(database.rows(order)).isEqualTo(1);
        assertThat(List.of(receive(transport, queue, ARRIVES_MILLIS), receive(transport, queue, ARRIVES_MILLIS)))
                .containsExactlyInAnyOrder(order + " first", order + " second");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTernBranchThatDidNothingVotesReadOnlyAndIsLeftOutOfTheSecondPhase(Transport transport) throws Exception {
        String order = order();
        XASession session = xaSession(transport);

        transactionManager.begin();
        RecordingXAResource tern = enlistBoth(session);
        OrdersDatabase.insert(databaseConnection.getConnection(), order);
        transactionManager.commit();

        assertThat(tern.calls()).containsExactly("start", "end", "prepare");
        assertThat(database.rows(order)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTransactionThatTimesOutIsRolledBackOnBoth(Transport transport) throws Exception {
        String order = order();
        XASession session = xaSession(transport);
        Queue queue = session.createQueue(order);

        transactionManager.setTransactionTimeout(1);
        try {
            transactionManager.begin();
        } finally {
            transactionManager.setTransactionTimeout(0);
        }
        enlistBoth(session);
        session.createProducer(queue).send(session.createTextMessage(order));
        OrdersDatabase.insert(databaseConnection.getConnection(), order);
        Transaction transaction = transactionManager.getTransaction();
        await().atMost(Duration.ofSeconds(10)).until(() -> transaction.getStatus() == Status.STATUS_ROLLEDBACK);
        assertThatThrownBy(transactionManager::commit).isInstanceOf(RollbackException.class);

        assertThat(database.rows(order)).isZero();
        assertThat(receive(transport, queue, NOTHING_MILLIS)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTransactionOverTernAloneCommitsInOnePhase(Transport transport) throws Exception {
        String order = order();
        XASession session = xaSession(transport);
        Queue queue = session.createQueue(order);
        RecordingXAResource tern = new RecordingXAResource(session.getXAResource());

        transactionManager.begin();
        transactionManager.getTransaction().enlistResource(tern);
        session.createProducer(queue).send(session.createTextMessage(order));
        transactionManager.commit();

        assertThat(tern.calls()).containsExactly("start", "end", "commit(onePhase=true)");
        assertThat(receive(transport, queue, ARRIVES_MILLIS)).isEqualTo(order);
    }

    /** Opens the XA session, and an XA connection to the database, for one test. */
    private XASession xaSession(Transport transport) throws Exception {
        xaConnection = new TernConnectionFactory(transport.url()).createXAConnection();
        xaConnection.start();
        databaseConnection = database.xaConnection();
        return xaConnection.createXASession();
    }

    /**
     * Enlists Tern first and H2 second: Narayana prepares and commits them in that order.
     *
     * @return Tern's resource, as enlisted, with the calls Narayana made
     */
    private RecordingXAResource enlistBoth(XASession session) throws Exception {
        RecordingXAResource tern = new RecordingXAResource(session.getXAResource());
        assertThat(transactionManager.getTransaction().enlistResource(tern)).isTrue();
        assertThat(transactionManager.getTransaction().enlistResource(databaseConnection.getXAResource())).isTrue();
        return tern;
    }

    private static String receive(Transport transport, Queue queue, long timeoutMillis) throws JMSException {
        try (JMSContext context = new TernConnectionFactory(transport.url()).createContext()) {
            return context.createConsumer(queue).receiveBody(String.class, timeoutMillis);
        }
    }

    private static String order() {
        return "order-" + ORDERS.incrementAndGet();
    }
}
