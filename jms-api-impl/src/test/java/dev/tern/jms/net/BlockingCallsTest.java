package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;

/**
 * Fails if anything blocks on a Netty event loop, the broker's or the client's, or on the journal
 * thread while a persistent broker serves a mixed workload over {@code tcp://}: sends of every kind,
 * acknowledgments and transactions, durable and replaying subscriptions, temporary queues, browsing and
 * closes. BlockHound instruments the JVM for good, so this class runs in a surefire execution of its own
 * ({@code blocking-calls}). The journal threads' own work, waiting for units and writing the file through
 * MVStore, and waiting for written groups and forcing the file, is what they are for and is allowed; anything
 * else blocking there is not, what is chained to the store's futures (which runs on the sync thread) included. A contended lock
 * whose holders never wait inside it is a turn, not a block, and is allowed too.
 */
@Timeout(120)
class BlockingCallsTest {

    private static final List<String> VIOLATIONS = Collections.synchronizedList(new ArrayList<>());

    private final String name = "blocking-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path dataDir;
    private TernConnectionFactory factory;

    /** With the integrations found on the class path, Netty's among them (it marks its event loops). */
    @BeforeAll
    static void installBlockHound() {
        BlockHound.install(builder -> builder
                .nonBlockingThreadPredicate(current -> current.or(BlockingCallsTest::isJournalThread))
                .blockingMethodCallback(BlockingCallsTest::record));
    }

    @BeforeEach
    void startBroker() {
        BrokerConfig config = BrokerConfig.named(name).withDataDir(dataDir)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"))
                .withPolicies(AddressPolicies.fromOptions(Map.of("audit.retentionMillis", "-1")));
        factory = new TernConnectionFactory("tcp://127.0.0.1:" + EmbeddedBrokers.start(config).tcpPort()
                + "?jms.clientID=blocking");
        VIOLATIONS.clear();
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void theGuardCatchesABlockingCallOnAnEventLoop() throws Exception {
        NioEventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("guard-check", true));
        try {
            loop.submit(() -> {
                Thread.sleep(1);
                return null;
            }).await(5, TimeUnit.SECONDS);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }

        assertThat(VIOLATIONS).anyMatch(violation -> violation.startsWith("guard-check"));
    }

    @Test
    void nothingBlocksAnEventLoopOrTheJournalThreadUnderAMixedWorkload() throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            queues(connection);
            transactions(connection);
            subscriptions(connection);
            temporaryQueueAndBrowser(connection);
        }
        try (JMSContext context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue queue = context.createQueue("work");
            for (int i = 0; i < 50; i++) {
                context.createProducer().setAsync(null).send(queue, "again " + i);
            }
            context.createConsumer(queue).receive(5_000).acknowledge();
        }

        assertThat(VIOLATIONS).as("blocking calls on non-blocking threads").isEmpty();
    }

    private static void queues(Connection connection) throws Exception {
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 100; i++) {
            producer.setDeliveryMode(i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            producer.send(session.createTextMessage("m" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 60; i++) {
            consumer.receive(5_000);
        }
        session.recover();
        consumer.receive(5_000).acknowledge();
        Session auto = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer autoConsumer = auto.createConsumer(queue);
        while (autoConsumer.receive(200) != null) {
            // drains what the CLIENT session gave back
        }
        session.close();
    }

    private static void transactions(Connection connection) throws Exception {
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        MessageProducer producer = tx.createProducer(queue);
        for (int i = 0; i < 20; i++) {
            producer.send(tx.createTextMessage("order " + i));
        }
        tx.commit();
        MessageConsumer consumer = tx.createConsumer(queue);
        consumer.receive(5_000);
        tx.rollback();
        consumer.receive(5_000);
        tx.commit();
        tx.close();
    }

    private static void subscriptions(Connection connection) throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic audit = session.createTopic("audit");
        MessageProducer publisher = session.createProducer(audit);
        MessageConsumer durable = session.createDurableSubscriber(audit, "keeper");
        for (int i = 0; i < 20; i++) {
            publisher.send(session.createTextMessage("event " + i));
        }
        durable.receive(5_000);
        durable.close();
        session.unsubscribe("keeper");
        MessageConsumer replaying = session.createConsumer(session.createTopic("audit?consumer.replayFrom=beginning"));
        replaying.receive(5_000);
        replaying.close();
        MessageConsumer shared = session.createSharedDurableConsumer(audit, "shared");
        publisher.send(session.createTextMessage("for the shared one"));
        shared.receive(5_000);
        shared.close();
        session.unsubscribe("shared");
        session.close();
    }

    private static void temporaryQueueAndBrowser(Connection connection) throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = session.createTemporaryQueue();
        session.createProducer(replies).send(session.createTextMessage("reply"));
        session.createConsumer(replies).receive(5_000);
        QueueBrowser browser = session.createBrowser(session.createQueue("orders"));
        for (var messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
            messages.nextElement();
        }
        session.close();
    }

    private static boolean isJournalThread(Thread thread) {
        return thread.getName().startsWith("tern-journal-");
    }

    /**
     * Notes a blocking call, unless it is the journal thread waiting for units or writing its file, or a
     * thread waiting its turn for a lock that another holds for a few field updates.
     */
    private static void record(BlockingMethod method) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        if (isJournalThread(Thread.currentThread()) && Arrays.stream(stack).anyMatch(BlockingCallsTest::isJournalWork)) {
            return;
        }
        if (isContendedLockAcquisition(stack)) {
            return;
        }
        VIOLATIONS.add(Thread.currentThread().getName() + " blocked in " + method + " at "
                + Arrays.stream(stack).limit(25).map(String::valueOf).collect(Collectors.joining("\n  ", "\n  ", "")));
    }

    /**
     * A contended {@code ReentrantLock.lock()} (as in a consumer's buffer or an executor's queue) parks
     * until the holder leaves a critical section that never waits itself; waiting on a condition, a future
     * or a full queue goes through {@code ConditionObject} or other frames and is still reported.
     */
    private static boolean isContendedLockAcquisition(StackTraceElement[] stack) {
        boolean acquiring = Arrays.stream(stack).anyMatch(frame ->
                frame.getClassName().equals("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                        && frame.getMethodName().equals("acquire"));
        boolean awaiting = Arrays.stream(stack).anyMatch(frame -> frame.getClassName().contains("ConditionObject"));
        return acquiring && !awaiting;
    }

    private static boolean isJournalWork(StackTraceElement frame) {
        return frame.getClassName().startsWith("org.h2.mvstore.")
                || frame.getClassName().equals("dev.tern.broker.store.UnitQueue") && frame.getMethodName().equals("takeGroup")
                || frame.getClassName().equals("dev.tern.broker.store.JournalSyncer")
                        && (frame.getMethodName().equals("next") || frame.getMethodName().equals("finish"));
    }
}
