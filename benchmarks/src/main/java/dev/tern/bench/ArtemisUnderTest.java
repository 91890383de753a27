package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnector;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ActiveMQ Artemis with an in-VM acceptor ({@code vm://0}) and a TCP acceptor on a free loopback port.
 * Persistent runs use a journal with transactional and non-transactional syncs on, so a durable send is
 * answered only after an fsync (the journal batches concurrent writes into one sync), set up as {@code
 * artemis create} sets it up on this disk ({@link ArtemisJournalSetup#asInstallerTunes}) unless started
 * untuned ({@link BrokerKind#ARTEMIS_DEFAULT}). Security, JMX and the critical analyzer are off.
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

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisUnderTest.class);

    private final BrokerKind kind;
    private final EmbeddedActiveMQ server;
    private final int port;
    private final ArtemisJournalSetup journal;
    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();

    private ArtemisUnderTest(BrokerKind kind, EmbeddedActiveMQ server, int port, ArtemisJournalSetup journal) {
        this.kind = kind;
        this.server = server;
        this.port = port;
        this.journal = journal;
    }

    /** Tuned as {@code artemis create} tunes it. */
    static ArtemisUnderTest start(Path dataDir, boolean persistent) throws Exception {
        return start(BrokerKind.ARTEMIS, dataDir, persistent, FreePort.pick());
    }

    /** With the embedded defaults, as {@link BrokerKind#ARTEMIS_DEFAULT}. */
    static ArtemisUnderTest startUntuned(Path dataDir, boolean persistent) throws Exception {
        return start(BrokerKind.ARTEMIS_DEFAULT, dataDir, persistent, FreePort.pick());
    }

    /** With the in-VM acceptor only, as an application or a unit test embeds it. */
    static ArtemisUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception {
        return start(BrokerKind.ARTEMIS, dataDir, persistent, -1);
    }

    /** @param port the TCP acceptor's port, or -1 for none */
    private static ArtemisUnderTest start(BrokerKind kind, Path dataDir, boolean persistent, int port)
            throws Exception {
        Path journalDir = dataDir.resolve("journal");
        ArtemisJournalSetup journal = !persistent ? null
                : kind == BrokerKind.ARTEMIS_DEFAULT ? ArtemisJournalSetup.untuned()
                : ArtemisJournalSetup.asInstallerTunes(journalDir);
        Configuration config = new ConfigurationImpl()
                .setName("bench")
                .setPersistenceEnabled(persistent)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDirectory(journalDir.toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dataDir.resolve("lock").toString());
        if (journal != null) {
            journal.applyTo(config);
            LOG.info("{}: {}", kind.displayName(), journal);
        }
        config.addAcceptorConfiguration("invm", "vm://0");
        if (port > 0) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        return new ArtemisUnderTest(kind, server, port, journal);
    }

    @Override
    public String name() {
        return kind.displayName();
    }

    /** The journal's type and buffer timeout, for persistent runs. */
    @Override
    public Map<String, Double> setupFigures() {
        return journal == null ? Map.of() : journal.figures();
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
