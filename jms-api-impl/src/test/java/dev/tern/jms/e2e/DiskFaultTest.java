package dev.tern.jms.e2e;

import static dev.tern.jms.e2e.QueueAndTopicTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.store.FaultyFileSystem;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker whose disk stops taking writes, full or remounted read-only: a persistent send fails with a
 * JMSException that says why, the queue does not show it, nothing stored before is lost, and the same
 * connection sends again once the disk takes writes. vm:// only: the fault is injected under the
 * broker's journal, which does not depend on the transport.
 */
@Timeout(120)
class DiskFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final String name = "disk-fault-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopBroker() {
        FaultyFileSystem.journalDisk(dataDir).heal();
        EmbeddedBrokers.stop(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Read-only file system"})
    void aPersistentSendFailsNamingTheCauseAndTheBrokerServesAgainOnceTheDiskWorks(String osMessage)
            throws Exception {
        Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir),
                FaultyFileSystem.store(dataDir, name));
        try (Connection connection = new TernConnectionFactory("vm://" + name).createConnection()) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            Queue orders = session.createQueue("orders");
            MessageProducer producer = session.createProducer(orders);
            for (int i = 1; i <= 3; i++) {
                producer.send(session.createTextMessage("before " + i));
            }
            MessageConsumer consumer = session.createConsumer(orders);
            connection.start();
            Message first = consumer.receive(WAIT.toMillis());
            first.acknowledge();
            consumer.close();
            await().atMost(WAIT).until(() -> broker.messageCount("orders").orElse(-1) == 2);

            FaultyFileSystem.journalDisk(dataDir).failWrites(osMessage);
            assertThatThrownBy(() -> producer.send(session.createTextMessage("during")))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("The broker could not store the message")
                    .hasMessageContaining(osMessage);
            assertThat(broker.isClosed()).isFalse();
            assertThat(broker.messageCount("orders")).as("the failed send is not on the queue").hasValue(2);
            assertThat(broker.unacknowledgedCount("orders")).as("nor counted there").hasValue(2);

            FaultyFileSystem.journalDisk(dataDir).heal();
            producer.send(session.createTextMessage("after"));
            assertThat(broker.messageCount("orders")).hasValue(3);
        }
        EmbeddedBrokers.stop(name);

        try (Connection connection = new TernConnectionFactory("vm://" + name + "?broker.dataDir="
                + dataDir.toAbsolutePath()).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            connection.start();
            assertThat(drain(session.createConsumer(session.createQueue("orders"))))
                    .as("after a restart: what was stored before the fault and after it, not the send that failed")
                    .containsExactly("before 2", "before 3", "after");
        }
    }
}
