package dev.tern.broker.vm;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.store.MessageStore;
import dev.tern.protocol.InVmConnector;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded brokers of this JVM, found by name, as {@code vm://NAME} URLs reach them.
 *
 * <p>Lifecycle, as with ActiveMQ's vm transport: the first connection to a name starts its broker with
 * the connection's {@code broker.*} options; later connections share it and their options are ignored.
 * When the last connection to a broker closes, the broker stops: it stops its threads and closes its
 * journal, releasing the file lock, so a later connection starts it afresh from the journal. An
 * in-memory broker ({@code broker.persistent=false}) therefore loses its messages when its last
 * connection closes; keep one connection open for as long as the broker should live.
 *
 * <p>A broker started with {@link #start(BrokerConfig)} is pinned instead: it runs until {@link #stop}.
 *
 * <p>Found by the client through {@link java.util.ServiceLoader}; every instance shares one registry.
 */
public final class EmbeddedBrokers implements InVmConnector {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokers.class);
    private static final Map<String, Running> RUNNING = new HashMap<>();

    /** A started broker and the number of connections that keep it alive, unless it is pinned. */
    private static final class Running {
        final Broker broker;
        boolean pinned;
        int connections;

        Running(Broker broker, boolean pinned) {
            this.broker = broker;
            this.pinned = pinned;
        }
    }

    /**
     * Starts an embedded broker from a full configuration, for example with a {@code MutableClock},
     * before any connection. It keeps running when its connections close, until {@link #stop}.
     *
     * @throws IllegalStateException if a broker with that name is running
     */
    public static Broker start(BrokerConfig config) {
        return pin(config.name(), () -> Broker.start(config));
    }

    /**
     * Starts an embedded broker on a store of the caller's choosing (see {@link Broker#start(BrokerConfig,
     * MessageStore)}), before any connection; it runs until {@link #stop}.
     *
     * @throws IllegalStateException if a broker with that name is running; the store is then neither used nor closed
     */
    public static Broker start(BrokerConfig config, MessageStore store) {
        return pin(config.name(), () -> Broker.start(config, store));
    }

    private static Broker pin(String brokerName, Supplier<Broker> starter) {
        synchronized (RUNNING) {
            Running running = RUNNING.get(brokerName);
            if (running != null && !running.broker.isClosed()) {
                throw new IllegalStateException("Embedded broker " + brokerName + " is already running.");
            }
            Broker broker = starter.get();
            RUNNING.put(brokerName, new Running(broker, true));
            return broker;
        }
    }

    /**
     * Lets a pinned broker stop with its last connection, as one started by a connection does; stops it now
     * if it has none. Does nothing if no such broker runs.
     */
    public static void unpin(String brokerName) {
        synchronized (RUNNING) {
            Running running = RUNNING.get(brokerName);
            if (running == null) {
                return;
            }
            running.pinned = false;
            if (running.connections == 0) {
                RUNNING.remove(brokerName);
                running.broker.close();
            }
        }
    }

    /** Stops the named embedded broker, disconnecting its clients; does nothing if none runs. */
    public static void stop(String brokerName) {
        synchronized (RUNNING) {
            Running running = RUNNING.remove(brokerName);
            if (running != null) {
                running.broker.close();
            }
        }
    }

    @Override
    public FrameChannel connect(String brokerName, Map<String, String> brokerOptions, EventListener client) {
        synchronized (RUNNING) {
            Running running = RUNNING.get(brokerName);
            if (running == null || running.broker.isClosed()) {
                running = new Running(Broker.start(BrokerConfig.fromOptions(brokerName, brokerOptions)), false);
                RUNNING.put(brokerName, running);
            }
            Running owner = running;
            FrameChannel channel = running.broker.connectInVm(client, () -> release(brokerName, owner));
            running.connections++;
            return channel;
        }
    }

    /** The running embedded broker with this name, for inspection in tests and tools. */
    public static Optional<Broker> find(String brokerName) {
        synchronized (RUNNING) {
            Running running = RUNNING.get(brokerName);
            return running == null ? Optional.empty() : Optional.of(running.broker);
        }
    }

    /** Stops the broker with its last connection; under the lock, so a new start waits for the old journal to close. */
    private static void release(String brokerName, Running owner) {
        synchronized (RUNNING) {
            owner.connections--;
            if (owner.connections == 0 && !owner.pinned && RUNNING.get(brokerName) == owner) {
                RUNNING.remove(brokerName);
                LOG.debug("Last connection to embedded broker {} closed; stopping it", brokerName);
                owner.broker.close();
            }
        }
    }
}
