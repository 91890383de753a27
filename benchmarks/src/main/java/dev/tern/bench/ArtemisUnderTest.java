package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnector;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * ActiveMQ Artemis with an in-VM acceptor ({@code vm://0}) and a TCP acceptor on a free loopback port.
 * Persistent runs use the NIO journal with transactional and non-transactional syncs on, so a durable
 * send is answered only after an fsync (the journal batches concurrent writes into one sync). Security,
 * JMX and the critical analyzer are off.
 *
 * <p>For sends with a CompletionListener the factory gets a confirmation window: without one, Artemis's
 * client calls the listener once the message is written to the socket, not when the broker has it.
 */
final class ArtemisUnderTest implements BrokerUnderTest {

    /**
     * The client's confirmation window for sends with a CompletionListener, in bytes. Any value other than
     * -1 (the default, off) makes each such send ask for a response, which the broker sends once the
     * message is stored (synced); the size only says how often the broker confirms in bulk.
     */
    static final int CONFIRMATION_WINDOW_BYTES = 1 << 20;

    private final EmbeddedActiveMQ server;
    private final int port;
    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();

    private ArtemisUnderTest(EmbeddedActiveMQ server, int port) {
        this.server = server;
        this.port = port;
    }

    static ArtemisUnderTest start(Path dataDir, boolean persistent) throws Exception {
        return start(dataDir, persistent, FreePort.pick());
    }

    /** With the in-VM acceptor only, as an application or a unit test embeds it. */
    static ArtemisUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception {
        return start(dataDir, persistent, -1);
    }

    /** @param port the TCP acceptor's port, or -1 for none */
    private static ArtemisUnderTest start(Path dataDir, boolean persistent, int port) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("bench")
                .setPersistenceEnabled(persistent)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setJournalType(JournalType.NIO)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dataDir.resolve("lock").toString());
        config.addAcceptorConfiguration("invm", "vm://0");
        if (port > 0) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        return new ArtemisUnderTest(server, port);
    }

    @Override
    public String name() {
        return BrokerKind.ARTEMIS.displayName();
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        return factory(transport);
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport, SendStyle style) {
        ActiveMQConnectionFactory factory = factory(transport);
        if (style == SendStyle.COMPLETION_LISTENER) {
            factory.setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES);
        }
        return factory;
    }

    private ActiveMQConnectionFactory factory(Transport transport) {
        ActiveMQConnectionFactory factory = switch (transport) {
            case VM -> new ActiveMQConnectionFactory("vm://0");
            case TCP -> {
                if (port < 0) {
                    throw new IllegalStateException("This Artemis was started for vm:// only");
                }
                yield new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            }
            case AMQP -> throw new IllegalStateException("Artemis serves AMQP from a JVM of its own: ArtemisAmqpUnderTest");
        };
        synchronized (factories) {
            factories.add(factory);
        }
        return factory;
    }

    @Override
    public void close() throws Exception {
        synchronized (factories) {
            factories.forEach(ActiveMQConnectionFactory::close);
            factories.clear();
        }
        server.stop();
        // The client's shared pools and the in-VM connector's executor are static; without this they outlive the broker.
        ActiveMQClient.clearThreadPools();
        InVMConnector.resetThreadPool();
        NettyConnector.clearThreadPools();
    }
}
