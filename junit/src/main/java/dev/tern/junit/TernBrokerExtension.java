package dev.tern.junit;

import dev.tern.broker.Broker;
import dev.tern.broker.MutableClock;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh in-memory Tern broker for JUnit 5 tests, with its URL, a connection factory, queue helpers and
 * a clock the test moves by hand.
 *
 * <pre>{@code
 * class OrderServiceTest {
 *     @RegisterExtension
 *     final TernBrokerExtension broker = TernBrokerExtension.create();   // a new broker for every test
 *
 *     @Test
 *     void remindsAnHourLater() throws Exception {
 *         OrderService service = new OrderService(broker.connectionFactory());
 *         service.scheduleReminder("order-1", Duration.ofHours(1));
 *         assertThat(broker.browse("reminders")).isEmpty();                  // delayed: not deliverable yet
 *         broker.advance(Duration.ofHours(1));                               // no sleeping
 *         assertThat(broker.browse("reminders")).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p><b>One broker per test or per class</b>, as the field says, the way JUnit scopes any extension:
 * <ul>
 *   <li>an <b>instance field</b> ({@code final TernBrokerExtension broker = ...}) gives every test method
 *       its own broker, started before the test's {@code @BeforeEach} methods and stopped after its
 *       {@code @AfterEach} methods;</li>
 *   <li>a <b>static field</b> ({@code static final TernBrokerExtension broker = ...}) gives the whole class
 *       one broker, started before its {@code @BeforeAll} methods and stopped after its {@code @AfterAll}
 *       methods; its {@code @Nested} classes share it. So does an instance field in a class annotated
 *       {@code @TestInstance(PER_CLASS)}, whose one instance lives as long as the class.</li>
 * </ul>
 *
 * <p>Each broker keeps everything in memory, listens on {@code vm://NAME} only (unless
 * {@link #withTcp()}), and gets a name of its own ({@code junit-1}, {@code junit-2}, ...), so classes
 * that run in parallel do not share brokers; {@link #withBrokerName} picks a fixed name, for code that
 * connects to {@code vm://localhost} by itself. Stopping the broker disconnects every client still
 * connected to it and ends every thread it started, before the next test begins.
 *
 * <p>The broker's clock is a {@link MutableClock}: timestamps, expiration, delivery delay and
 * time-to-live all read it, and it only moves when the test calls {@link #advance}.
 */
public final class TernBrokerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final String brokerName;
    private final boolean tcp;
    private final Instant clockStart;
    private volatile TestBroker running;
    private volatile QueueInspector queues;
    private String startedFor;

    private TernBrokerExtension(String brokerName, boolean tcp, Instant clockStart) {
        this.brokerName = brokerName;
        this.tcp = tcp;
        this.clockStart = clockStart;
    }

    /** An extension for an in-memory broker with a fresh name, reached over {@code vm://} only, its clock at now. */
    public static TernBrokerExtension create() {
        return new TernBrokerExtension(null, false, null);
    }

    /**
     * This extension with a fixed broker name, for code that builds its own {@code vm://NAME} URL. Two
     * brokers of one name cannot run at once: do not use it in classes that run in parallel.
     */
    public TernBrokerExtension withBrokerName(String name) {
        if (!Objects.requireNonNull(name, "name").matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("A broker name is letters, digits, '.', '_' or '-'; got '" + name + "'");
        }
        return new TernBrokerExtension(name, tcp, clockStart);
    }

    /** This extension with the broker also listening on {@code tcp://127.0.0.1} on a free port; see {@link #tcpUrl()}. */
    public TernBrokerExtension withTcp() {
        return new TernBrokerExtension(brokerName, true, clockStart);
    }

    /** This extension with the broker's clock starting at an instant instead of now. */
    public TernBrokerExtension withClockAt(Instant start) {
        return new TernBrokerExtension(brokerName, tcp, Objects.requireNonNull(start, "start"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Called for a static field, and for every @Nested class below it: the outermost class owns the broker.
        startIfStopped(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIfStopped(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopIfStartedFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopIfStartedFor(context);
    }

    private synchronized void startIfStopped(ExtensionContext context) {
        if (running == null) {
            TestBroker broker = TestBroker.start(brokerName, tcp, clockStart);
            queues = new QueueInspector(broker.broker(), new TernConnectionFactory(vmUrl(broker)));
            running = broker;
            startedFor = context.getUniqueId();
        }
    }

    private synchronized void stopIfStartedFor(ExtensionContext context) {
        if (running != null && context.getUniqueId().equals(startedFor)) {
            TestBroker broker = running;
            running = null;
            queues = null;
            startedFor = null;
            broker.stop();
        }
    }

    /** {@code vm://NAME}: connects to this broker from the same JVM. */
    public String url() {
        return vmUrl(current());
    }

    /**
     * {@code tcp://127.0.0.1:PORT} of this broker.
     *
     * @throws IllegalStateException unless the extension was made {@link #withTcp()}
     */
    public String tcpUrl() {
        TestBroker broker = current();
        if (!tcp) {
            throw new IllegalStateException("This broker listens on vm:// only; make the extension with "
                    + "TernBrokerExtension.create().withTcp() for a tcp:// URL.");
        }
        return "tcp://127.0.0.1:" + broker.broker().tcpPort();
    }

    /** The broker's name, the host part of {@link #url()}. */
    public String brokerName() {
        return current().name();
    }

    /** A new connection factory for {@link #url()}; each call gives one of its own, so setters on it stay local. */
    public TernConnectionFactory connectionFactory() {
        return new TernConnectionFactory(url());
    }

    /** The running broker engine, for what the helpers here do not cover. */
    public Broker broker() {
        return current().broker();
    }

    /** The broker's clock; it moves only through {@link #advance} (or {@link MutableClock#advance}). */
    public MutableClock clock() {
        return current().clock();
    }

    /**
     * Moves the broker's clock forward: messages whose delivery delay has passed become deliverable, and
     * those whose time-to-live has run out are dropped, without the test sleeping.
     */
    public void advance(Duration duration) {
        clock().advance(duration);
    }

    /**
     * Messages waiting on a queue for a consumer, delayed ones included; not those delivered to a consumer
     * and not yet acknowledged. 0 for a queue that does not exist (yet).
     */
    public int messageCount(String queue) {
        return inspector().messageCount(queue);
    }

    /**
     * Waits until every message sent to a queue has been consumed and acknowledged (or has expired, or
     * was purged): nothing waiting, nothing delivered and unacknowledged. Returns at once for a queue
     * that does not exist.
     *
     * @throws AssertionError if messages are still there after the timeout, saying how many
     */
    public void awaitQueueEmpty(String queue, Duration timeout) {
        inspector().awaitEmpty(queue, timeout);
    }

    /**
     * The messages a consumer of a queue could receive now, in delivery order, without consuming them
     * (through a QueueBrowser); delayed messages show once their delivery time has come.
     */
    public List<Message> browse(String queue) {
        return inspector().browse(queue);
    }

    /**
     * Removes every message waiting on a queue, delayed ones included; messages already delivered to a
     * consumer stay with it.
     *
     * @return how many were removed
     */
    public int purge(String queue) {
        return inspector().purge(queue);
    }

    private QueueInspector inspector() {
        current();
        QueueInspector inspector = queues;
        if (inspector == null) {
            throw notRunning();
        }
        return inspector;
    }

    private TestBroker current() {
        TestBroker broker = running;
        if (broker == null) {
            throw notRunning();
        }
        return broker;
    }

    private static IllegalStateException notRunning() {
        return new IllegalStateException("No Tern broker is running: register the extension with @RegisterExtension "
                + "and use it inside a test, or in @BeforeEach/@AfterEach (@BeforeAll/@AfterAll for a static field).");
    }

    private static String vmUrl(TestBroker broker) {
        return "vm://" + broker.name();
    }

    @Override
    public String toString() {
        TestBroker broker = running;
        return "TernBrokerExtension[" + (broker == null ? "stopped" : vmUrl(broker)) + "]";
    }
}
