package dev.tern.bench;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.JournalStatistics;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.store.PostgresSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tern, registered as embedded broker {@code bench} ({@code vm://bench}) and listening on a free
 * loopback port. Persistent runs use the default H2 journal, which fsyncs every group commit.
 */
final class TernUnderTest implements BrokerUnderTest {

    static final String NAME = "bench";

    private final Broker broker;
    private final BrokerKind kind;

    private TernUnderTest(Broker broker, BrokerKind kind) {
        this.broker = broker;
        this.kind = kind;
    }

    static TernUnderTest start(Path dataDir, boolean persistent) {
        return new TernUnderTest(EmbeddedBrokers.start(config(dataDir, persistent)), BrokerKind.TERN);
    }

    /** With its journal in a fresh PostgreSQL database ({@link BenchPostgres}) instead of H2. */
    static TernUnderTest startOnPostgres(Path dataDir, String scenario) throws ScenarioUnsupportedException {
        BrokerConfig config = config(dataDir, true)
                .withPostgres(PostgresSettings.of(BenchPostgres.newDatabase(scenario), null, null));
        return new TernUnderTest(EmbeddedBrokers.start(config), BrokerKind.TERN_POSTGRESQL);
    }

    /** With its meters in a Prometheus registry, as {@code tern broker --http-port} keeps them. */
    static TernUnderTest startMetered(Path dataDir, boolean persistent) {
        BrokerConfig config = config(dataDir, persistent)
                .withMeterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        return new TernUnderTest(EmbeddedBrokers.start(config), BrokerKind.TERN_METERED);
    }

    private static BrokerConfig config(Path dataDir, boolean persistent) {
        return BrokerConfig.named(NAME)
                .withPersistent(persistent)
                .withDataDir(dataDir)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"));
    }

    /**
     * No TCP listener, reached over {@code vm://} only; in memory, it is what {@code TernBrokerExtension}
     * of {@code tern-junit} starts for each test.
     */
    static TernUnderTest startEmbedded(Path dataDir, boolean persistent) {
        return new TernUnderTest(EmbeddedBrokers.start(BrokerConfig.named(NAME).withPersistent(persistent).withDataDir(dataDir)),
                BrokerKind.TERN);
    }

    @Override
    public String name() {
        return kind.displayName();
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        return switch (transport) {
            case VM -> new TernConnectionFactory("vm://" + NAME);
            case TCP -> new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
            case AMQP -> throw new IllegalStateException("Tern serves AMQP from a JVM of its own: TernAmqpUnderTest");
        };
    }

    @Override
    public Optional<SyncCounters> syncCounters() {
        JournalStatistics statistics = broker.journalStatistics();
        return Optional.of(new SyncCounters(statistics.units(), statistics.syncs()));
    }

    @Override
    public void close() {
        EmbeddedBrokers.stop(NAME);
    }
}
