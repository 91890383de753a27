package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.vm.EmbeddedBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Message-driven delivery: activations of (fake) endpoints on a (fake) server's WorkManager. */
@Timeout(60)
class InboundTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long ARRIVES_MILLIS = 5_000;
    private static final long NOTHING_MILLIS = 300;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestBroker broker;
    private TernResourceAdapter adapter;

    @BeforeEach
    void deploy() throws Exception {
        broker = new TestBroker();
        adapter = startedAdapter(broker);
    }

    @AfterEach
    void undeploy() throws Exception {
        adapter.stop();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        broker.close();
    }

    private TernResourceAdapter startedAdapter(TestBroker target) throws Exception {
        TernResourceAdapter started = new TernResourceAdapter();
        started.setBrokerUrl(target.url);
        started.setClientOptions("jms.prefetch=1");
        FakeWorkManager workManager = new FakeWorkManager();
        toClose.add(workManager);
        started.start(new FakeBootstrapContext(workManager));
        return started;
    }

    private TernActivationSpec queueSpec(String queue, int maxSession) throws Exception {
        TernActivationSpec spec = new TernActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination(queue);
        spec.setDestinationType("jakarta.jms.Queue");
        spec.setMaxSession(maxSession);
        return spec;
    }

    private void activate(TernResourceAdapter target, RecordingEndpointFactory endpoint, TernActivationSpec spec)
            throws Exception {
        target.endpointActivation(endpoint, spec);
        await().atMost(WAIT).until(() -> target.activation(endpoint, spec).isConnected());
    }

    @Test
    void deliversEveryMessageThroughSeveralSessionsAtOnce() throws Exception {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(false);
        CountDownLatch hold = new CountDownLatch(1);
        endpoint.holdUntil = hold;
        activate(adapter, endpoint, queueSpec("work", 4));

        broker.send("work", "1", "2", "3", "4", "5", "6", "7", "8");
        await().atMost(WAIT).until(() -> endpoint.concurrent.get() == 4);
        hold.countDown();

        await().atMost(WAIT).until(() -> endpoint.texts.size() == 8);
        assertThat(endpoint.texts).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(endpoint.maxConcurrent.get()).isEqualTo(4);
        assertThat(endpoint.threads).allMatch(name -> name.startsWith("fake-work-"));
        assertThat(endpoint.resources).containsOnly(RecordingEndpointFactory.NO_RESOURCE);
        await().atMost(WAIT).until(() -> endpoint.released.get() == 8);
        assertThat(broker.receive("work", NOTHING_MILLIS)).as("all acknowledged").isNull();
    }

    @Test
    void transactedDeliveryRunsBetweenBeforeAndAfterDeliveryWithTheSessionsXaResource() throws Exception {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(true);
        activate(adapter, endpoint, queueSpec("tx-work", 1));

        broker.send("tx-work", "a", "b");
        await().atMost(WAIT).until(() -> endpoint.calls.size() == 6);

        assertThat(endpoint.calls).containsExactly("beforeDelivery", "onMessage", "afterDelivery",
                "beforeDelivery", "onMessage", "afterDelivery");
        assertThat(endpoint.texts).containsExactly("a", "b");
        assertThat(endpoint.resources).hasSize(2).doesNotContain(RecordingEndpointFactory.NO_RESOURCE);
        assertThat(broker.receive("tx-work", NOTHING_MILLIS)).as("committed by the transaction").isNull();
    }

    @ParameterizedTest(name = "transacted={0}")
    @ValueSource(booleans = {false, true})
    void aThrowingEndpointGetsTheMessageAgainUntilItReachesTheDeadLetterQueue(boolean transacted) throws Exception {
        broker.broker.setPolicy("poison", "maxDeliveryAttempts", "3");
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(transacted);
        endpoint.failWith = new IllegalStateException("the bean fails");
        activate(adapter, endpoint, queueSpec("poison", 2));

        broker.send("poison", "bad");

        assertThat(broker.receive("DLQ", ARRIVES_MILLIS)).isEqualTo("bad");
        assertThat(endpoint.texts).containsExactly("bad", "bad", "bad");
        assertThat(endpoint.messages.get(0).getJMSRedelivered()).isFalse();
        assertThat(endpoint.messages.get(2).getJMSRedelivered()).isTrue();
        assertThat(endpoint.messages.get(2).getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(broker.messageCount("poison")).isZero();
    }

    /**
     * WildFly refuses a delivery to a bean being undeployed by throwing from onMessage outside its
     * transaction handling, then commits the transaction begun in beforeDelivery: the adapter's own branch
     * must refuse to commit, or the message is acknowledged without any bean having processed it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RecordingEndpointFactory.AfterFailure.class, names = {"COMMITS", "COMMITS_REGARDLESS"})
    void aThrowingEndpointGetsTheMessageAgainEvenIfTheContainerCommits(RecordingEndpointFactory.AfterFailure container)
            throws Exception {
        broker.broker.setPolicy("refused", "maxDeliveryAttempts", "2");
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(true);
        endpoint.failWith = new IllegalStateException("WFLYEJB0421: Invocation cannot proceed as component is shutting down");
        endpoint.afterFailure = container;
        activate(adapter, endpoint, queueSpec("refused", 1));

        broker.send("refused", "keep me");

        assertThat(broker.receive("DLQ", ARRIVES_MILLIS)).as("never acknowledged, so dead-lettered").isEqualTo("keep me");
        assertThat(endpoint.texts).containsExactly("keep me", "keep me");
        assertThat(broker.messageCount("refused")).isZero();
    }

    @Test
    void deactivationIsBoundedEvenWhenTheEndpointNeverReturns() throws Exception {
        adapter.setDeactivationTimeoutMillis(500L);
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(false);
        CountDownLatch never = new CountDownLatch(1);
        endpoint.holdUntil = never;
        TernActivationSpec spec = queueSpec("stuck", 1);
        activate(adapter, endpoint, spec);
        broker.send("stuck", "held");
        await().atMost(WAIT).until(() -> endpoint.concurrent.get() == 1);
        try {
            long start = System.nanoTime();
            adapter.endpointDeactivation(endpoint, spec);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(tookMillis).isLessThan(5_000);
            assertThat(adapter.activation(endpoint, spec)).isNull();
            assertThat(broker.receive("stuck", ARRIVES_MILLIS)).as("back on its queue").isEqualTo("held");
        } finally {
            never.countDown();
        }
    }

    @Test
    void activatingTheSameSpecTwiceOpensOneConnection() throws Exception {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(false);
        TernActivationSpec spec = queueSpec("once", 2);
        activate(adapter, endpoint, spec);
        adapter.endpointActivation(endpoint, spec);

        assertThat(broker.broker.connectionCount()).isEqualTo(1);
        broker.send("once", "only once");
        await().atMost(WAIT).until(() -> endpoint.texts.size() == 1);
        assertThat(broker.receive("once", NOTHING_MILLIS)).isNull();
        assertThat(endpoint.texts).containsExactly("only once");
    }

    @Test
    void aDurableSubscriptionKeepsWhatIsPublishedWhileDeactivated() throws Exception {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(false);
        TernActivationSpec spec = new TernActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination("news");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("reader");
        spec.setClientId("news-mdb");
        activate(adapter, endpoint, spec);
        broker.publish("news", "while active");
        await().atMost(WAIT).until(() -> endpoint.texts.contains("while active"));

        adapter.endpointDeactivation(endpoint, spec);
        broker.publish("news", "while away");
        activate(adapter, endpoint, spec);

        await().atMost(WAIT).until(() -> endpoint.texts.contains("while away"));
        assertThat(endpoint.texts).containsExactly("while active", "while away");
    }

    @Test
    void aSharedSubscriptionSpreadsATopicOverTheSessions() throws Exception {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(false);
        CountDownLatch hold = new CountDownLatch(1);
        endpoint.holdUntil = hold;
        TernActivationSpec spec = new TernActivationSpec();
        spec.setResourceAdapter(adapter);
        spec.setDestination("prices");
        spec.setDestinationType("jakarta.jms.Topic");
        spec.setShareSubscriptions(true);
        spec.setSubscriptionName("pricing");
        spec.setMaxSession(3);
        activate(adapter, endpoint, spec);

        broker.publish("prices", "p1", "p2", "p3", "p4", "p5", "p6");
        await().atMost(WAIT).until(() -> endpoint.concurrent.get() == 3);
        hold.countDown();

        await().atMost(WAIT).until(() -> endpoint.texts.size() == 6);
        assertThat(endpoint.texts).containsExactlyInAnyOrder("p1", "p2", "p3", "p4", "p5", "p6");
    }

    @Test
    void twoAdaptersInOneJvmAreIndependent() throws Exception {
        TestBroker otherBroker = new TestBroker();
        toClose.add(otherBroker);
        TernResourceAdapter other = startedAdapter(otherBroker);
        RecordingEndpointFactory first = new RecordingEndpointFactory(false);
        RecordingEndpointFactory second = new RecordingEndpointFactory(false);
        activate(adapter, first, queueSpec("shared-name", 1));
        TernActivationSpec otherSpec = new TernActivationSpec();
        otherSpec.setResourceAdapter(other);
        otherSpec.setDestination("shared-name");
        activate(other, second, otherSpec);

        adapter.stop();
        otherBroker.send("shared-name", "to the second");
        broker.send("shared-name", "to the stopped first");

        await().atMost(WAIT).until(() -> second.texts.size() == 1);
        assertThat(second.texts).containsExactly("to the second");
        assertThat(broker.receive("shared-name", ARRIVES_MILLIS)).isEqualTo("to the stopped first");
        assertThat(first.texts).isEmpty();
        other.stop();
    }

    @Test
    void reconnectsWhenTheBrokerComesBack() throws Exception {
        RecordingEndpointFactory endpoint = new RecordingEndpointFactory(false);
        TernActivationSpec spec = queueSpec("resilient", 1);
        spec.setReconnectIntervalMillis(100L);
        activate(adapter, endpoint, spec);

        EmbeddedBrokers.stop(broker.name);
        // vm:// starts a broker of that name again on the next connection: the activation's reconnection
        await().atMost(WAIT).until(() -> EmbeddedBrokers.find(broker.name).filter(b -> b != broker.broker).isPresent()
                && adapter.activation(endpoint, spec).isConnected());

        broker.send("resilient", "after the restart");
        await().atMost(WAIT).until(() -> endpoint.texts.contains("after the restart"));
    }
}
