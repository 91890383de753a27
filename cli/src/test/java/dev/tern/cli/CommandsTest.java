package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.tern.cli.CliRun.run;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.jms.TernQueue;
import dev.tern.protocol.BranchId;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client commands against a broker listening on tcp://, run in-process as a user would type them. */
@Timeout(60)
class CommandsTest {

    private Broker broker;
    private String url;

    @BeforeEach
    void start() {
        broker = Broker.start(BrokerConfig.named("cli-" + UUID.randomUUID()).withPersistent(false).withTcpPort(0));
        url = "tcp://localhost:" + broker.tcpPort();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void produceBrowseStatAndConsumeWalkThrough() {
        CliRun produced = run("produce", "--url", url, "--destination", "queue://orders", "--count", "3",
                "--message", "order %d");
        assertThat(produced.exitCode()).isZero();
        assertThat(produced.out()).contains("Sent 3 messages to queue://orders");

        CliRun browsed = run("browse", "--url", url, "--destination", "queue://orders");
        assertThat(browsed.out()).contains("order 1", "order 2", "order 3", "3 messages waiting on queue://orders");

        CliRun stat = run("stat", "--url", url, "--interval", "0");
        assertThat(stat.err()).isEmpty();
        assertThat(stat.out()).containsPattern("orders\\s+3\\s+0\\s+3\\s+0");

        CliRun consumed = run("consume", "--url", url, "--destination", "orders", "--timeout", "1000");
        assertThat(consumed.out()).containsSubsequence("order 1", "order 2", "order 3", "Received 3 messages");
        assertThat(broker.messageCount("orders")).hasValue(0);
    }

    @Test
    void consumeStopsAfterCountAndAppliesTheSelector() {
        run("produce", "--url", url, "--count", "2", "--property", "colour=red", "--message", "red %d");
        run("produce", "--url", url, "--count", "2", "--property", "colour=blue", "--message", "blue %d");

        CliRun consumed = run("consume", "--url", url, "--selector", "colour = 'blue'", "--count", "1");
        assertThat(consumed.out()).isEqualTo("blue 1%nReceived 1 message from queue://TEST%n".formatted());
        assertThat(broker.messageCount("TEST")).hasValue(3);
    }

    @Test
    void statShowsEachQueuesDepthConsumersAndRates() throws Exception {
        run("produce", "--url", url, "--destination", "queue://busy", "--count", "4");
        try (Connection listening = new TernConnectionFactory(url).createConnection()) {
            listening.createSession(Session.CLIENT_ACKNOWLEDGE).createConsumer(new TernQueue("idle"));
            CliRun stat = run("stat", "--url", url, "--interval", "50");
            assertThat(stat.exitCode()).isZero();
            assertThat(stat.out()).startsWith("Broker " + url).contains("QUEUE", "IN/S", "OUT/S")
                    .containsPattern("busy\\s+4\\s+0\\s+4\\s+0\\s+0\\.0\\s+0\\.0")
                    .containsPattern("idle\\s+0\\s+1\\s+0\\s+0");
        }
    }

    /** Over brokers sharing a store only the live one listens, so the member a failover URL reached is the live one. */
    @Test
    void statThroughAFailoverUrlNamesTheBrokerItReached() {
        CliRun stat = run("stat", "--url", "failover:(tcp://localhost:1," + url + ")", "--interval", "0");

        assertThat(stat.exitCode()).isZero();
        assertThat(stat.out()).startsWith("Broker " + url + "%n".formatted());
    }

    @Test
    void aBrokerThatIsNotThereGivesAClearErrorAndAnExitCode() {
        CliRun failed = run("produce", "--url", "tcp://localhost:1", "--count", "1");
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.err()).contains("localhost:1");
    }

    @Test
    void consumeReportsABrokerThatGoesAwayInsteadOfAnEmptyQueue() throws Exception {
        CompletableFuture<CliRun> consuming = CompletableFuture.supplyAsync(
                () -> run("consume", "--url", url, "--timeout", "20000"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> broker.postOffice().queue("TEST") != null
                && broker.postOffice().queue("TEST").consumerCount() == 1);
        broker.close();

        CliRun failed = consuming.get(30, TimeUnit.SECONDS);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).as("stderr: %s", failed.err()).contains("before the connection was lost");
        assertThat(failed.err()).contains("was lost");
    }

    @Test
    void dlqRetryMovesTheSelectedDeadLettersBackToTheirQueue() throws Exception {
        broker.setPolicy(">", "maxDeliveryAttempts", "1");
        run("produce", "--url", url, "--destination", "queue://orders", "--count", "2", "--message", "order %d");
        run("produce", "--url", url, "--destination", "queue://invoices", "--count", "1");
        try (Connection failing = new TernConnectionFactory(url).createConnection()) {
            failing.start();
            Session session = failing.createSession(Session.SESSION_TRANSACTED);
            for (String queue : new String[] {"orders", "orders", "invoices"}) {
                try (var consumer = session.createConsumer(new TernQueue(queue))) {
                    assertThat(consumer.receive(5_000)).isNotNull();
                    session.rollback();
                }
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("DLQ").orElse(0) == 3);

        CliRun retried = run("dlq", "retry", "--url", url, "--queue", "DLQ", "--selector", "_TERN_ORIG_QUEUE = 'orders'");

        assertThat(retried.err()).isEmpty();
        assertThat(retried.out()).contains("Moved 2 messages from DLQ");
        assertThat(broker.messageCount("orders")).hasValue(2);
        assertThat(broker.messageCount("DLQ")).hasValue(1);
        CliRun consumed = run("consume", "--url", url, "--destination", "orders", "--timeout", "1000");
        assertThat(consumed.out()).contains("order 1", "order 2");
    }

    @Test
    void policySetChangesARunningBrokerAndPolicyListShowsItWithTheDefaults() {
        CliRun set = run("policy", "set", "--url", url, "orders.>", "maxDeliveryAttempts", "3");
        assertThat(set.err()).isEmpty();
        assertThat(set.exitCode()).isZero();
        assertThat(broker.policies().forAddress("orders.eu")
                .get(dev.tern.broker.policy.PolicySettings.MAX_DELIVERY_ATTEMPTS)).isEqualTo(3);

        CliRun list = run("policy", "list", "--url", url);
        assertThat(list.out()).containsPattern("orders\\.>\\s+maxDeliveryAttempts\\s+3")
                .containsPattern("\\(default\\)\\s+deadLetterQueue\\s+DLQ")
                .containsPattern("\\(default\\)\\s+maxDeliveryAttempts\\s+10");

        CliRun refused = run("policy", "set", "--url", url, "orders", "maxDeliveryAttempts", "many");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("maxDeliveryAttempts").contains("many");
    }

    @Test
    void aStopSignalSentFromTheCommandLineEndsAConsumeAndStaysOnTheQueue() {
        run("produce", "--url", url, "--count", "2", "--message", "job %d");
        run("produce", "--url", url, "--count", "1", "--property", "_TERN_STOP=true");

        CliRun consumed = run("consume", "--url", url, "--timeout", "1000");

        assertThat(consumed.out()).contains("job 1", "job 2", "Received 2 messages");
        assertThat(broker.messageCount("TEST")).hasValue(1);
    }

    @Test
    void xaListShowsABranchInDoubtAndCommitDecidesItForItsTransactionManager() throws Exception {
        TernConnectionFactory factory = new TernConnectionFactory(url);
        Xid xid = new CliXid(77, "order-42".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        String branch = new BranchId(77, "order-42".getBytes(StandardCharsets.UTF_8), new byte[] {1}).toString();
        try (XAConnection connection = factory.createXAConnection()) {
            XASession session = connection.createXASession();
            XAResource resource = session.getXAResource();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createProducer(new TernQueue("orders")).send(session.createTextMessage("in doubt"));
            resource.end(xid, XAResource.TMSUCCESS);
            resource.prepare(xid);

            CliRun listed = run("xa", "list", "--url", url);
            assertThat(listed.out()).contains(branch).contains("1 XA branch in doubt");
            CliRun committed = run("xa", "commit", "--url", url, branch);
            assertThat(committed.exitCode()).isZero();
            assertThat(committed.out()).contains("Committed XA branch " + branch);
            assertThat(run("consume", "--url", url, "--destination", "orders", "--timeout", "1000").out())
                    .contains("in doubt");

            assertThatThrownBy(() -> resource.commit(xid, false)).isInstanceOfSatisfying(XAException.class,
                    e -> assertThat(e.errorCode).isEqualTo(XAException.XA_HEURCOM));
            resource.forget(xid);
        }
        assertThat(run("xa", "list", "--url", url).out()).contains("0 XA branches in doubt");
        CliRun unknown = run("xa", "rollback", "--url", url, branch);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("knows no branch " + branch);
        CliRun malformed = run("xa", "commit", "--url", url, "order-42");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err()).contains("formatId:gtrid:bqual");
    }

    @Test
    void aBrokerOnEveryInterfaceWithoutUsersIsRefusedUnlessAnonymousAccessIsAllowed() {
        CliRun refused = run("broker", "--host", "0.0.0.0", "--port", "0");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Listening on 0.0.0.0 without a users file would let anyone who reaches it "
                + "connect without a password").contains("--allow-anonymous");
        assertThat(refused.out()).doesNotContain("listening on");
    }

    @Test
    void badArgumentsAreRefusedWithUsage() {
        CliRun failed = run("produce", "--count", "many");
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.err()).contains("--count");
    }

    /** A transaction manager's Xid. */
    private record CliXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }
}
