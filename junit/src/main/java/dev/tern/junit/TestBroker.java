package dev.tern.junit;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-memory embedded broker started for a test or a test class: registered under its name, so that
 * {@code vm://NAME} reaches it, pinned until {@link #stop}, and running on its own {@link MutableClock}.
 */
final class TestBroker {

    private static final Logger LOG = LoggerFactory.getLogger(TestBroker.class);
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final String name;
    private final MutableClock clock;
    private final Broker broker;

    private TestBroker(String name, MutableClock clock, Broker broker) {
        this.name = name;
        this.clock = clock;
        this.broker = broker;
    }

    /**
     * Starts a broker.
     *
     * @param name the broker name, or null for a fresh one ({@code junit-1}, {@code junit-2}, ...)
     * @param tcp whether to listen on {@code tcp://127.0.0.1} on a free port too
     * @param clockStart where the clock starts, or null for now
     */
    static TestBroker start(String name, boolean tcp, Instant clockStart) {
        String brokerName = name != null ? name : "junit-" + NUMBERS.incrementAndGet();
        MutableClock clock = clockStart != null ? MutableClock.startingAt(clockStart) : MutableClock.startingNow();
        BrokerConfig config = BrokerConfig.named(brokerName).withPersistent(false).withClock(clock);
        if (tcp) {
            config = config.withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"));
        }
        Broker broker = EmbeddedBrokers.start(config);
        LOG.debug("Started test broker {}", brokerName);
        return new TestBroker(brokerName, clock, broker);
    }

    String name() {
        return name;
    }

    MutableClock clock() {
        return clock;
    }

    Broker broker() {
        return broker;
    }

    /** Stops the broker, disconnecting its clients; its threads have ended when this returns. */
    void stop() {
        EmbeddedBrokers.stop(name);
    }
}
