package dev.tern.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tern.broker.vm.EmbeddedBrokers;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * How long a broker lives, run through the JUnit engine on sample classes: a static field gives a class
 * (and its nested classes) one broker, an instance field gives every test its own, and no thread is left
 * behind once the tests are over. The sample classes are nested, so the build does not run them alone.
 */
class ExtensionLifecycleTest {

    /** Broker name seen by each sample test, by test name. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Test
    void aStaticFieldGivesTheClassAndItsNestedClassesOneBroker() {
        SEEN.clear();

        Events tests = run(PerClassSample.class);

        tests.assertStatistics(stats -> stats.started(3).succeeded(3));
        assertThat(Set.copyOf(SEEN.values())).hasSize(1);
        String name = SEEN.get("first");
        assertThat(EmbeddedBrokers.find(name)).as("stopped after the class").isEmpty();
    }

    @Test
    void anInstanceFieldGivesEveryTestAFreshBroker() {
        SEEN.clear();

        Events tests = run(PerTestSample.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Set.copyOf(SEEN.values())).hasSize(2);
        SEEN.values().forEach(name -> assertThat(EmbeddedBrokers.find(name)).as(name).isEmpty());
    }

    @Test
    void noThreadIsLeftBehindEvenByConnectionsTheTestForgotToClose() {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        Events tests = run(LeakySample.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
    }

    @Test
    void helpersOutsideATestSayWhatIsWrong() {
        TernBrokerExtension extension = TernBrokerExtension.create();
        org.assertj.core.api.Assertions.assertThatThrownBy(extension::url)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@RegisterExtension");
        assertThat(extension).hasToString("TernBrokerExtension[stopped]");
    }

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
    }

    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : ""))
                .toList();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassSample {

        @RegisterExtension
        static final TernBrokerExtension BROKER = TernBrokerExtension.create();

        @BeforeAll
        static void brokerRunsInBeforeAll() {
            try (JMSContext context = BROKER.connectionFactory().createContext()) {
                context.createProducer().send(context.createQueue("kept"), "from @BeforeAll");
            }
        }

        @Test
        @Order(1)
        void first() {
            SEEN.put("first", BROKER.brokerName());
            assertThat(BROKER.messageCount("kept")).isEqualTo(1);
        }

        @Test
        @Order(2)
        void second() {
            SEEN.put("second", BROKER.brokerName());
            assertThat(BROKER.messageCount("kept")).isEqualTo(1);
        }

        @Nested
        class Inner {
            @Test
            void nestedTestsShareTheOuterBroker() {
                SEEN.put("nested", BROKER.brokerName());
                assertThat(BROKER.messageCount("kept")).isEqualTo(1);
            }
        }

        @AfterAll
        static void brokerStillRunsInAfterAll() {
            assertThat(BROKER.purge("kept")).isEqualTo(1);
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerTestSample {

        @RegisterExtension
        final TernBrokerExtension broker = TernBrokerExtension.create();

        @Test
        @Order(1)
        void leavesAMessage() {
            SEEN.put("leavesAMessage", broker.brokerName());
            try (JMSContext context = broker.connectionFactory().createContext()) {
                context.createProducer().send(context.createQueue("left"), "left over");
            }
            assertThat(broker.messageCount("left")).isEqualTo(1);
        }

        @Test
        @Order(2)
        void seesNothingOfThePreviousTest() {
            SEEN.put("seesNothingOfThePreviousTest", broker.brokerName());
            assertThat(broker.messageCount("left")).isZero();
        }
    }

    /** Opens connections, sessions and listeners and never closes them. */
    static class LeakySample {

        @RegisterExtension
        final TernBrokerExtension broker = TernBrokerExtension.create().withTcp();

        @Test
        void leavesAVmConnectionWithAListenerOpen() throws Exception {
            Connection connection = broker.connectionFactory().createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("q")).setMessageListener(message -> { });
            connection.start();
            session.createProducer(session.createQueue("q")).send(session.createTextMessage("hi"));
            broker.awaitQueueEmpty("q", Duration.ofSeconds(5));
        }

        @Test
        void leavesATcpConnectionOpen() throws Exception {
            Connection connection = new dev.tern.jms.TernConnectionFactory(broker.tcpUrl()).createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("q")).send(session.createTextMessage("hi"));
            assertThat(broker.messageCount("q")).isEqualTo(1);
        }
    }
}
