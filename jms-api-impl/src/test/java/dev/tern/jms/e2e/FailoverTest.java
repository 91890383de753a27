package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code failover:(...)}: brokers in this JVM stopped and started under a connected client. */
@Timeout(60)
class FailoverTest {

    private static final String FAST = "failover.initialReconnectDelay=20&failover.maxReconnectDelay=200"
            + "&jms.requestTimeout=10000";

    @TempDir
    Path dataDir;

    private final List<String> brokers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<JMSException> told = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() throws JMSException {
        for (Connection connection : connections) {
            connection.close();
        }
        brokers.forEach(EmbeddedBrokers::stop);
    }

    private Broker start(String name, int port, boolean persistent) {
        brokers.add(name);
        BrokerConfig config = BrokerConfig.named(name).withPersistent(persistent)
                .withTcp(TcpSettings.onPort(port).withHost("127.0.0.1"));
        return EmbeddedBrokers.start(persistent ? config.withDataDir(dataDir.resolve(name)) : config);
    }

    private static String name() {
        return "failover-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String tcp(Broker broker) {
        return "tcp://127.0.0.1:" + broker.tcpPort();
    }

    private Connection connect(String url) throws JMSException {
        Connection connection = new TernConnectionFactory(url).createConnection();
        connections.add(connection);
        connection.setExceptionListener(told::add);
        connection.start();
        return connection;
    }

    @Test
    void aListenerGoesOnReceivingFromTheSecondBrokerWhenTheFirstStops() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, false);
        Broker b = start(name(), 0, false);
        Connection connection = connect("failover:(" + tcp(a) + "," + tcp(b) + ")?" + FAST);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        List<String> received = new CopyOnWriteArrayList<>();
        session.createConsumer(queue, "kind = 'job'").setMessageListener(m -> received.add(text(m)));
        MessageProducer producer = connection.createSession(Session.AUTO_ACKNOWLEDGE).createProducer(queue);
        send(producer, "before", "job");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("before"));

        EmbeddedBrokers.stop(nameA);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);
        send(producer, "ignored", "other");
        send(producer, "after", "job");

        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));
        assertThat(received).containsExactly("before", "after");
        assertThat(b.messageCount("work")).hasValue(1); // the one the selector leaves
        assertThat(told).isEmpty();
    }

    @Test
    void aPendingReceiveGetsAMessageFromTheSameBrokerRestarted() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, true);
        int port = a.tcpPort();
        Connection connection = connect("failover:(" + tcp(a) + ")?" + FAST);
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive(20_000);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        EmbeddedBrokers.stop(nameA);
        brokers.remove(nameA);
        Broker restarted = start(nameA, port, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.connectionCount() == 1);
        MessageProducer producer = connection.createSession(Session.AUTO_ACKNOWLEDGE).createProducer(session.createQueue("orders"));
        send(producer, "after restart", null);

        Message message = pending.get(15, TimeUnit.SECONDS);
        assertThat(text(message)).isEqualTo("after restart");
        message.acknowledge();
        assertThat(restarted.messageCount("orders")).hasValue(0);
        assertThat(told).isEmpty();
    }

    @Test
    void aMessageReceivedButNotAcknowledgedBeforeTheFailoverComesAgainAndItsOldAckSettlesNothing() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, true);
        int port = a.tcpPort();
        Connection connection = connect("failover:(" + tcp(a) + ")?" + FAST);
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("unsettled");
        MessageProducer producer = session.createProducer(queue);
        send(producer, "first", null);
        send(producer, "second", null);
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(5_000);
        assertThat(text(first)).isEqualTo("first");

        EmbeddedBrokers.stop(nameA);
        brokers.remove(nameA);
        Broker restarted = start(nameA, port, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.connectionCount() == 1);
        first.acknowledge(); // of a delivery made over the lost link: dropped

        assertThat(text(consumer.receive(5_000))).isEqualTo("first");
        Message second = consumer.receive(5_000);
        assertThat(text(second)).isEqualTo("second");
        second.acknowledge(); // both, as CLIENT_ACKNOWLEDGE acknowledges all the session consumed
        assertThat(told).isEmpty();
        connection.close(); // anything unacknowledged would go back to the queue now
        assertThat(restarted.messageCount("unsettled")).hasValue(0);
    }

    @Test
    void aDurableSubscriptionAndTheClientIdAreRestoredOnTheRestartedBroker() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, true);
        int port = a.tcpPort();
        Connection connection = connect("failover:(" + tcp(a) + ")?" + FAST + "&jms.clientID=reporter");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic topic = session.createTopic("news");
        MessageConsumer subscriber = session.createDurableSubscriber(topic, "daily");
        jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();

        EmbeddedBrokers.stop(nameA);
        brokers.remove(nameA);
        Broker restarted = start(nameA, port, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.connectionCount() == 1);
        MessageProducer producer = session.createProducer(null);
        producer.send(topic, session.createTextMessage("extra"));
        producer.send(replies, session.createTextMessage("reply"));

        assertThat(text(subscriber.receive(5_000))).isEqualTo("extra");
        assertThat(text(session.createConsumer(replies).receive(5_000))).isEqualTo("reply");
        assertThat(connection.getClientID()).isEqualTo("reporter");
    }

    @Test
    void aTransactionInDoubtFailsItsCommitAsRolledBackAndTheNextOneWorks() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, false);
        Broker b = start(name(), 0, false);
        Connection connection = connect("failover:(" + tcp(a) + "," + tcp(b) + ")?" + FAST);
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue("ledger"));
        producer.send(session.createTextMessage("in doubt"));

        EmbeddedBrokers.stop(nameA);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);

        assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class);
        producer.send(session.createTextMessage("next"));
        session.commit();
        MessageConsumer consumer = connection.createSession(Session.AUTO_ACKNOWLEDGE)
                .createConsumer(session.createQueue("ledger"));
        assertThat(text(consumer.receive(5_000))).isEqualTo("next");
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void anXaBranchCutOffByAFailoverOnlyRollsBackAndSendsNothingOutsideIt() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, false);
        Broker b = start(name(), 0, false);
        XAConnection connection = new TernConnectionFactory("failover:(" + tcp(a) + "," + tcp(b) + ")?" + FAST)
                .createXAConnection();
        connections.add(connection);
        XASession session = connection.createXASession();
        XAResource resource = session.getXAResource();
        MessageProducer producer = session.createProducer(session.createQueue("ledger"));
        Xid xid = new FailoverXid(new byte[] {4, 2});
        resource.start(xid, XAResource.TMNOFLAGS);
        producer.send(session.createTextMessage("before the failover"));

        EmbeddedBrokers.stop(nameA);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);

        producer.send(session.createTextMessage("after the failover"));
        assertThatThrownBy(() -> resource.end(xid, XAResource.TMSUCCESS)).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).isEqualTo(XAException.XA_RBROLLBACK));
        assertThatThrownBy(() -> resource.rollback(xid)).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).as("the new broker never had the branch").isEqualTo(XAException.XAER_NOTA));
        assertThat(b.messageCount("ledger")).as("sent outside the branch on the second broker").isEmpty();
    }

    /** A transaction manager's Xid. */
    private record FailoverXid(byte[] getGlobalTransactionId) implements Xid {
        @Override
        public int getFormatId() {
            return 1;
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }

    @Test
    void aCommitCutOffWhenTheLinkDropsSaysItsOutcomeIsUnknownAndTheNextOneWorks() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, false);
        Broker b = start(name(), 0, false);
        try (SilencingRelay relay = new SilencingRelay(a.tcpPort())) {
            Connection connection = connect("failover:(tcp://127.0.0.1:" + relay.port() + "," + tcp(b) + ")?" + FAST);
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Queue work = session.createQueue("work");
            MessageConsumer consumer = session.createConsumer(work);
            try (Connection direct = new TernConnectionFactory(tcp(a)).createConnection()) {
                Session sender = direct.createSession(Session.AUTO_ACKNOWLEDGE);
                sender.createProducer(work).send(sender.createTextMessage("job"));
            }
            assertThat(consumer.receive(5_000)).isNotNull();

            relay.silenceBroker();
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    session.commit();
                } catch (JMSException e) {
                    throw new CompletionException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> a.unacknowledgedCount("work").orElse(-1) == 0);
            EmbeddedBrokers.stop(nameA);
            relay.close();

            assertThat(commit).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isExactlyInstanceOf(JMSException.class).withMessageContaining("outcome")
                    .withMessageContaining("unknown");
            await().atMost(Duration.ofSeconds(10)).until(() -> b.connectionCount() == 1);
            session.createProducer(work).send(session.createTextMessage("next"));
            session.commit();
            assertThat(text(consumer.receive(5_000))).isEqualTo("next");
            session.commit();
        }
    }

    @Test
    void whenAttemptsRunOutTheExceptionListenerIsToldAndCallsFail() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, false);
        Connection connection = connect("failover:(" + tcp(a) + ")?" + FAST + "&failover.maxReconnectAttempts=3");
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("void"));
        MessageConsumer consumer = session.createConsumer(session.createQueue("void"));

        EmbeddedBrokers.stop(nameA);

        await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 1);
        assertThat(told.get(0)).hasMessageContaining("3 attempts");
        assertThatThrownBy(() -> producer.send(session.createTextMessage("lost"))).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> consumer.receive(100)).isInstanceOf(JMSException.class);
    }

    @Test
    void closingWhileReconnectingReturnsPromptlyAndLeavesNoThread() throws Exception {
        String nameA = name();
        Broker a = start(nameA, 0, false);
        Connection connection = connect("failover:(" + tcp(a) + ")?" + FAST);
        connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(new dev.tern.jms.TernQueue("idle"));
        EmbeddedBrokers.stop(nameA);
        await().atMost(Duration.ofSeconds(10)).until(() -> threadsNamed("tern-failover-") > 0);

        long start = System.nanoTime();
        connection.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> threadsNamed("tern-failover-") == 0);
        assertThat(told).isEmpty();
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix)).count();
    }

    private static void send(MessageProducer producer, String text, String kind) throws JMSException {
        TextMessage message = new dev.tern.jms.message.TernTextMessage();
        message.setText(text);
        if (kind != null) {
            message.setStringProperty("kind", kind);
        }
        producer.send(message);
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
