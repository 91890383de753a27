package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** vm:// only: the embedded broker's own lifecycle (start on first connection, stop with the last). */
@Timeout(60)
class EmbeddedBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void firstConnectionStartsTheBrokerAndTheLastOneStopsItWithoutLeftoverThreads() throws JMSException {
        String name = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
        TernConnectionFactory factory = new TernConnectionFactory("vm://" + name + "?broker.dataDir=" + dataDir);
        assertThat(EmbeddedBrokers.find(name)).isEmpty();
        Connection first = factory.createConnection();
        Connection second = factory.createConnection();
        assertThat(EmbeddedBrokers.find(name)).isPresent();
        assertThat(brokerThreads(name)).isNotEmpty();
        first.close();
        assertThat(EmbeddedBrokers.find(name)).as("one connection still open").isPresent();
        second.close();
        assertThat(EmbeddedBrokers.find(name)).isEmpty();
        assertThat(brokerThreads(name)).isEmpty();
        assertThat(dataDir).isNotEmptyDirectory();
    }

    @Test
    void aStoppedBrokerReleasesItsJournalSoItCanStartAgainAtOnce() throws JMSException {
        String name = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        TernConnectionFactory factory = new TernConnectionFactory("vm://" + name + "?broker.dataDir=" + dataDir);
        for (int round = 0; round < 3; round++) {
            try (JMSContext context = factory.createContext()) {
                context.createProducer().send(context.createQueue("q"), "round " + round);
            }
        }
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("q");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 1000)).isEqualTo("round 0");
        }
    }

    @Test
    void defaultDataDirectoryIsTernDataSlashName() throws Exception {
        String name = "default-dir-" + UUID.randomUUID().toString().substring(0, 8);
        try (JMSContext context = new TernConnectionFactory("vm://" + name).createContext()) {
            context.createProducer().send(context.createQueue("q"), "x");
        }
        Path expected = Path.of("tern-data", name);
        try {
            assertThat(expected).isDirectory();
        } finally {
            try (var files = Files.walk(expected)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void brokersWithDifferentNamesAreIndependent() throws JMSException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (Connection a = new TernConnectionFactory("vm://a-" + suffix + "?broker.persistent=false").createConnection();
             Connection b = new TernConnectionFactory("vm://b-" + suffix + "?broker.persistent=false").createConnection()) {
            Session sessionA = a.createSession(Session.AUTO_ACKNOWLEDGE);
            Session sessionB = b.createSession(Session.AUTO_ACKNOWLEDGE);
            sessionA.createProducer(sessionA.createQueue("shared-name")).send(sessionA.createTextMessage("only in a"));
            a.start();
            b.start();
            assertThat(sessionB.createConsumer(sessionB.createQueue("shared-name")).receive(200)).isNull();
            assertThat(sessionA.createConsumer(sessionA.createQueue("shared-name")).receive(1000)).isNotNull();
        }
    }

    @Test
    void inMemoryBrokerWritesNothingToDisk() throws JMSException {
        String name = "memory-" + UUID.randomUUID().toString().substring(0, 8);
        try (JMSContext context = new TernConnectionFactory("vm://" + name + "?broker.persistent=false&broker.dataDir="
                + dataDir).createContext()) {
            context.createProducer().send(context.createQueue("q"), "x");
        }
        assertThat(dataDir).isEmptyDirectory();
    }

    private static Set<String> brokerThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(threadName -> threadName.contains(name))
                .collect(Collectors.toSet());
    }
}
