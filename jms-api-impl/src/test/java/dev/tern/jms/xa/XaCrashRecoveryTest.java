package dev.tern.jms.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.testing.ChildJvm;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transaction manager killed with SIGKILL in the middle of two-phase commit, and its recovery: a child JVM
 * runs Narayana over Tern (a persistent broker this JVM hosts, over {@code tcp://}) and H2 (a file database),
 * and stalls in a global transaction that sent a message and inserted a row until this test kills it; a second
 * child JVM runs Narayana's recovery over the object store the first one left. A transaction killed after its
 * commit decision was logged is committed, once, on both resource managers, also if the broker restarted
 * meanwhile; one killed before is rolled back on both. Until recovery decides, the message stays invisible and the
 * row uncommitted.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class XaCrashRecoveryTest {

    private static final String QUEUE = "xa.crash.orders";
    private static final long NOTHING_MILLIS = 300;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;
    private final String brokerName = "xa-crash-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;
    private OrdersDatabase database;

    @BeforeEach
    void start() throws Exception {
        startBroker();
        database = OrdersDatabase.in(directory.resolve("database"));
        database.createTable();
    }

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(brokerName);
    }

    @ParameterizedTest(name = "broker restarted while in doubt: {0}")
    @ValueSource(booleans = {false, true})
    void aTransactionKilledAfterItsCommitDecisionIsCommittedByRecoveryOnBothExactlyOnce(boolean restartBroker)
            throws Exception {
        String order = "order-committed";
        killInDoubt(StallingXAResource.Point.PHASE_TWO, order);
        if (restartBroker) {
            EmbeddedBrokers.stop(brokerName);
            startBroker();
        }

        assertInDoubt(order);
        Map<String, String> recovery = recover();

        assertThat(recovery).as("Narayana's transaction logs before and after recovery")
                .containsEntry("LOGS_BEFORE", "1").containsEntry("LOGS_AFTER", "0");
        assertThat(drain()).as("delivered exactly once").containsExactly(order);
        assertThat(database.rows(order)).as("written exactly once").isEqualTo(1);
        assertNothingInDoubt();
    }

    @Test
    void aTransactionKilledBeforeItsCommitDecisionIsRolledBackByRecoveryOnBoth() throws Exception {
        String order = "order-rolled-back";
        killInDoubt(StallingXAResource.Point.PHASE_ONE, order);

        assertInDoubt(order);
        Map<String, String> recovery = recover();

        assertThat(recovery).as("no decision was logged, so recovery presumes abort")
                .containsEntry("LOGS_BEFORE", "0").containsEntry("LOGS_AFTER", "0");
        assertThat(drain()).as("the message of a rolled-back transaction").isEmpty();
        assertThat(database.rows(order)).as("the row of a rolled-back transaction").isZero();
        assertNothingInDoubt();
    }

    private void startBroker() {
        broker = EmbeddedBrokers.start(BrokerConfig.named(brokerName).withDataDir(directory.resolve("broker"))
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
    }

    /** Runs the transaction in a child JVM until it stalls at {@code point}, and kills the child with SIGKILL. */
    private void killInDoubt(StallingXAResource.Point point, String order) throws Exception {
        AtomicBoolean stalled = new AtomicBoolean();
        try (ChildJvm child = ChildJvm.start(InDoubtClient.class, List.of(), line -> {
            if (line.equals("STALLED")) {
                stalled.set(true);
            }
        }, brokerUrl(), database.url(), objectStore(), QUEUE, order, point.name())) {
            await().atMost(CHILD_TIMEOUT).untilTrue(stalled);
            assertThat(child.killAndWait()).as("killed by SIGKILL").isEqualTo(ChildJvm.KILLED);
        }
    }

    /** Both branches prepared, neither decided: the broker and H2 list one each, and neither shows its work. */
    private void assertInDoubt(String order) throws Exception {
        assertThat(broker.xaTransactions().recover()).as("the broker's prepared branch").hasSize(1);
        assertThat(inDoubtInDatabase()).as("H2's prepared branch").isEqualTo(1);
        assertThat(receive()).as("the message while its transaction is in doubt").isNull();
        assertThat(database.rows(order)).as("the row while its transaction is in doubt").isZero();
    }

    private void assertNothingInDoubt() throws Exception {
        assertThat(broker.xaTransactions().recover()).as("branches the broker still lists").isEmpty();
        assertThat(inDoubtInDatabase()).as("branches H2 still lists").isZero();
    }

    /** Runs Narayana's recovery in a second child JVM, to its end, and returns what it reported. */
    private Map<String, String> recover() throws Exception {
        Map<String, String> report = new ConcurrentHashMap<>();
        try (ChildJvm child = ChildJvm.start(RecoveringClient.class, List.of(), line -> {
            String[] words = line.split(" ", 2);
            report.put(words[0], words.length > 1 ? words[1] : "");
        }, brokerUrl(), database.url(), objectStore())) {
            assertThat(child.awaitExit(CHILD_TIMEOUT)).as("the recovering JVM's exit status").isZero();
        }
        assertThat(report).containsKey("RECOVERED");
        return report;
    }

    private int inDoubtInDatabase() throws Exception {
        XAConnection connection = database.xaConnection();
        try {
            return connection.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length;
        } finally {
            connection.close();
        }
    }

    private String receive() {
        try (JMSContext context = new TernConnectionFactory(brokerUrl()).createContext()) {
            return context.createConsumer(context.createQueue(QUEUE)).receiveBody(String.class, NOTHING_MILLIS);
        }
    }

    private List<String> drain() {
        List<String> bodies = new ArrayList<>();
        try (JMSContext context = new TernConnectionFactory(brokerUrl()).createContext()) {
            JMSConsumer consumer = context.createConsumer(context.createQueue(QUEUE));
            String body;
            while ((body = consumer.receiveBody(String.class, NOTHING_MILLIS)) != null) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    private String brokerUrl() {
        return "tcp://127.0.0.1:" + broker.tcpPort();
    }

    private String objectStore() {
        return directory.resolve("object-store").toString();
    }
}
