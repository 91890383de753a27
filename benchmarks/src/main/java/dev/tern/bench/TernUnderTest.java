package dev.tern.bench;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.JournalStatistics;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
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

    private TernUnderTest(Broker broker) {
        this.broker = broker;
    }

    static TernUnderTest start(Path dataDir, boolean persistent) {
        BrokerConfig config = BrokerConfig.named(NAME)
                .withPersistent(persistent)
                .withDataDir(dataDir)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"));
        return new TernUnderTest(EmbeddedBrokers.start(config));
    }

    /**
     * No TCP listener, reached over {@code vm://} only; in memory, it is what {@code TernBrokerExtension}
     * of {@code tern-junit} starts for each test.
     */
    static TernUnderTest startEmbedded(Path dataDir, boolean persistent) {
        return new TernUnderTest(EmbeddedBrokers.start(BrokerConfig.named(NAME).withPersistent(persistent).withDataDir(dataDir)));
    }

    @Override
    public String name() {
        return BrokerKind.TERN.displayName();
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
