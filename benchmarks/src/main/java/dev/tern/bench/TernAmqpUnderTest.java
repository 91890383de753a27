package dev.tern.bench;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Tern serving AMQP 1.0 from a child JVM of its own ({@link TernAmqpServer}, started with this JVM's class
 * path), so that over AMQP each broker has a JVM to itself, apart from the clients. Its journal counters
 * are read by asking the child.
 */
final class TernAmqpUnderTest implements BrokerUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);

    private final ChildBroker child;
    private final int port;

    private TernAmqpUnderTest(ChildBroker child, int port) {
        this.child = child;
        this.port = port;
    }

    static TernAmqpUnderTest start(Path dataDir, boolean persistent) throws Exception {
        List<String> command = ChildJvm.command(System.getProperty("java.class.path"), TernAmqpServer.class.getName(),
                List.of(), List.of(dataDir.resolve("broker").toString(), Boolean.toString(persistent)));
        ChildBroker.Started started = ChildBroker.start("tern-amqp", command, TernAmqpServer.READY, START_TIMEOUT);
        return new TernAmqpUnderTest(started.child(), Integer.parseInt(started.readyWords()[1]));
    }

    @Override
    public String name() {
        return BrokerKind.TERN.displayName();
    }

    @Override
    public ConnectionFactory connectionFactory(Transport transport) {
        if (transport != Transport.AMQP) {
            throw new IllegalStateException("This Tern serves AMQP only");
        }
        return new JmsConnectionFactory("amqp://127.0.0.1:" + port);
    }

    @Override
    public Optional<SyncCounters> syncCounters() {
        try {
            String[] words = child.ask(TernAmqpServer.STATS_REQUEST, TernAmqpServer.STATS, STATS_TIMEOUT).trim()
                    .split("\\s+");
            return Optional.of(new SyncCounters(Long.parseLong(words[1]), Long.parseLong(words[2])));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws Exception {
        child.close();
    }
}
