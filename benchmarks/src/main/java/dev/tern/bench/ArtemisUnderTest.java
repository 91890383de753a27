package dev.tern.bench;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.storage.DatabaseStorageConfiguration;
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
    /** The JDBC store's connections, or null for the file journal. */
    private final HikariDataSource database;
    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();

    private ArtemisUnderTest(BrokerKind kind, EmbeddedActiveMQ server, int port, ArtemisJournalSetup journal,
            HikariDataSource database) {
        this.kind = kind;
        this.server = server;
        this.port = port;
        this.journal = journal;
        this.database = database;
    }

    /**
     * With its JDBC store in a fresh PostgreSQL database ({@link BenchPostgres}), as {@code artemis create --jdbc}
     * sets it up: the store's defaults (a journal sync period of 5 ms), the tables named as that command names them.
     */
    static ArtemisUnderTest startJdbc(Path dataDir, String scenario) throws Exception {
        String jdbcUrl = BenchPostgres.newDatabase(scenario);
        HikariDataSource database = BenchPostgres.pool(jdbcUrl);
        DatabaseStorageConfiguration storage = new DatabaseStorageConfiguration();
        storage.setJdbcConnectionUrl(jdbcUrl);
        storage.setJdbcDriverClassName("org.postgresql.Driver");
        storage.setDataSource(database);
        storage.setBindingsTableName("BINDINGS");
        storage.setMessageTableName("MESSAGES");
        storage.setLargeMessageTableName("LARGE_MESSAGES");
        storage.setPageStoreTableName("PAGE_STORE");
        storage.setNodeManagerStoreTableName("NODE_MANAGER_STORE");
        Configuration config = baseConfig(dataDir, true).setStoreConfiguration(storage);
        int port = FreePort.pick();
        return start(BrokerKind.ARTEMIS_JDBC, config, port, null, database);
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
        ArtemisJournalSetup journal = !persistent ? null
                : kind == BrokerKind.ARTEMIS_DEFAULT ? ArtemisJournalSetup.untuned()
                : ArtemisJournalSetup.asInstallerTunes(dataDir.resolve("journal"));
        Configuration config = baseConfig(dataDir, persistent);
        if (journal != null) {
            journal.applyTo(config);
            LOG.info("{}: {}", kind.displayName(), journal);
        }
        return start(kind, config, port, journal, null);
    }

    private static ArtemisUnderTest start(BrokerKind kind, Configuration config, int port, ArtemisJournalSetup journal,
            HikariDataSource database) throws Exception {
        config.addAcceptorConfiguration("invm", "vm://0");
        if (port > 0) {
            config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        return new ArtemisUnderTest(kind, server, port, journal, database);
    }

    private static Configuration baseConfig(Path dataDir, boolean persistent) {
        return new ConfigurationImpl()
                .setName("bench")
                .setPersistenceEnabled(persistent)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setCriticalAnalyzer(false)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dataDir.resolve("lock").toString());
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
        if (database != null) {
            database.close();
        }
        // The client's shared pools and the in-VM connector's executor are static; without this they outlive the broker.
        ActiveMQClient.clearThreadPools();
        InVMConnector.resetThreadPool();
        NettyConnector.clearThreadPools();
    }
}
