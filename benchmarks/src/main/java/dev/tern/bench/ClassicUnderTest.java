package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * ActiveMQ Classic named {@code bench} ({@code vm://bench?create=false}) with a TCP connector (none when
 * started embedded) on a free loopback port. Persistent runs use KahaDB with journal disk syncs on every
 * write ("always"). JMX and the shutdown hook are off. Its 6.3.1 client refuses {@code send(message,
 * CompletionListener)} with an UnsupportedOperationException, so scenarios of {@link
 * SendStyle#COMPLETION_LISTENER} have no figures for it. One policy differs from the defaults, on the deep-
 * queue scenario's queue only: it pages in as many messages at a time as that scenario's consumer takes per
 * transaction. With the default of 200, a transacted consumer waiting for its 201st message gets nothing
 * until the queue's 30-second expiry scan pages more in, since the 200 it holds stay paged in until the
 * commit.
 */
final class ClassicUnderTest implements BrokerUnderTest {

    static final String NAME = "bench";
    private static final long STORE_LIMIT_BYTES = 4L * 1024 * 1024 * 1024;

    private final BrokerService service;
    private final int port;

    private ClassicUnderTest(BrokerService service, int port) {
        this.service = service;
        this.port = port;
    }

    static ClassicUnderTest start(Path dataDir, boolean persistent) throws Exception {
        return start(dataDir, persistent, FreePort.pick());
    }

    /** With no connector, reached over {@code vm://} only, as an application or a unit test embeds it. */
    static ClassicUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception {
        return start(dataDir, persistent, -1);
    }

    /** @param port the TCP connector's port, or -1 for none */
    private static ClassicUnderTest start(Path dataDir, boolean persistent, int port) throws Exception {
        BrokerService service = new BrokerService();
        service.setBrokerName(NAME);
        service.setUseJmx(false);
        service.setUseShutdownHook(false);
        service.setDataDirectoryFile(dataDir.toFile());
        service.setPersistent(persistent);
        service.setDestinationPolicy(deepQueuePolicy());
        if (persistent) {
            KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
            kahaDb.setDirectory(dataDir.resolve("kahadb").toFile());
            kahaDb.setJournalDiskSyncStrategy("always");
            service.setPersistenceAdapter(kahaDb);
        }
        // below the default 100 GB, so that Classic does not warn that the disk is smaller
        service.getSystemUsage().getStoreUsage().setLimit(STORE_LIMIT_BYTES);
        service.getSystemUsage().getTempUsage().setLimit(STORE_LIMIT_BYTES);
        if (port > 0) {
            service.addConnector("tcp://127.0.0.1:" + port);
        }
        service.start();
        service.waitUntilStarted();
        return new ClassicUnderTest(service, port);
    }

    private static PolicyMap deepQueuePolicy() {
        PolicyEntry deepQueue = new PolicyEntry();
        deepQueue.setQueue(DeepQueueWorkload.QUEUE);
        deepQueue.setMaxPageSize(DeepQueueWorkload.BATCH);
        PolicyMap policies = new PolicyMap();
        policies.setPolicyEntries(List.of(deepQueue));
        return policies;
    }

    @Override
    public String name() {
        return BrokerKind.CLASSIC.displayName();
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        return switch (transport) {
            case VM -> new ActiveMQConnectionFactory("vm://" + NAME + "?create=false");
            case TCP -> {
                if (port < 0) {
                    throw new IllegalStateException("This Classic was started for vm:// only");
                }
                yield new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            }
            case AMQP -> throw new IllegalStateException("This Classic has no AMQP connector");
        };
    }

    @Override
    public void close() throws Exception {
        service.stop();
        service.waitUntilStopped();
    }
}
