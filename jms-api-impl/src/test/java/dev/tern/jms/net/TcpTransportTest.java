package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.MessageLimits;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What only tcp:// has: frame size limits, the broker.tcpPort option, and a broker going away. */
@Timeout(60)
class TcpTransportTest {

    private static String name() {
        return "tcp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Broker start(String name, TcpSettings tcp) {
        return EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withTcp(tcp.withHost("127.0.0.1")));
    }

    @Test
    void aLargeMessageCrossesTheSocketIntact() throws JMSException {
        String name = name();
        Broker broker = start(name, TcpSettings.onPort(0));
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("large");
            byte[] body = new byte[5 * 1024 * 1024];
            new java.util.Random(1).nextBytes(body);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            session.createProducer(queue).send(message);
            connection.start();
            BytesMessage received = (BytesMessage) session.createConsumer(queue).receive(10_000);
            assertThat(received.getBody(byte[].class)).isEqualTo(body);
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    void aMessageAboveTheMaximumFrameFailsItsSendOnly() throws JMSException {
        String name = name();
        Broker broker = start(name, TcpSettings.onPort(0));
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("too-large");
            MessageProducer producer = session.createProducer(queue);
            BytesMessage huge = session.createBytesMessage();
            huge.writeBytes(new byte[17 * 1024 * 1024]);
            assertThatThrownBy(() -> producer.send(huge))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("exceeds the maximum frame size");
            producer.send(session.createTextMessage("small"));
            connection.start();
            assertThat(session.createConsumer(queue).receive(5_000).getBody(String.class)).isEqualTo("small");
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    void aMessageBeyondTheBrokersLimitsFailsItsSendNamingTheSettingAndTheConnectionGoesOn() throws JMSException {
        String name = name();
        Broker broker = start(name, TcpSettings.onPort(0)
                .withMessageLimits(MessageLimits.DEFAULT.withMaxProperties(10).withMaxBodySize(1024)));
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("limited");
            MessageProducer producer = session.createProducer(queue);
            TextMessage manyProperties = session.createTextMessage("eleven");
            for (int i = 0; i < 11; i++) {
                manyProperties.setIntProperty("p" + i, i);
            }
            assertThatThrownBy(() -> producer.send(manyProperties))
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageContaining("11 properties, more than this broker's maxMessageProperties of 10");
            BytesMessage bigBody = session.createBytesMessage();
            bigBody.writeBytes(new byte[2048]);
            assertThatThrownBy(() -> producer.send(bigBody))
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageContaining("maxMessageBodySize of 1024 bytes");
            producer.send(session.createTextMessage("within"));
            connection.start();
            assertThat(session.createConsumer(queue).receive(5_000).getBody(String.class)).isEqualTo("within");
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    void aBrowseLargerThanAFrameFailsClearlyAndTheConnectionSurvives() throws JMSException {
        String name = name();
        Broker broker = start(name, TcpSettings.onPort(0).withMaxFrameSize(64 * 1024));
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("browsed");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 3; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(new byte[30 * 1024]);
                producer.send(message);
            }
            QueueBrowser browser = session.createBrowser(queue);
            assertThatThrownBy(browser::getEnumeration)
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageContaining("maximum frame size");
            connection.start();
            assertThat(session.createConsumer(queue).receive(5_000)).as("the connection still works").isNotNull();
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    void statisticsLargerThanAFrameFailClearlyAndTheConnectionSurvives() throws JMSException {
        String name = name();
        Broker broker = start(name, TcpSettings.onPort(0).withMaxFrameSize(1024));
        try (Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(null);
            for (int i = 0; i < 40; i++) {
                producer.send(session.createQueue("a-queue-with-a-rather-long-name-number-" + i), session.createTextMessage("x"));
            }
            assertThatThrownBy(((dev.tern.jms.TernConnection) connection)::queueStatistics)
                    .isInstanceOf(ResourceAllocationException.class)
                    .hasMessageContaining("Statistics")
                    .hasMessageContaining("maximum frame size");
            connection.start();
            Queue first = session.createQueue("a-queue-with-a-rather-long-name-number-0");
            assertThat(session.createConsumer(first).receive(5_000)).as("the connection still works").isNotNull();
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    void theTcpPortOptionOfAVmUrlOpensTheBrokerToTcpClients() {
        String name = name();
        try (JMSContext local = new TernConnectionFactory("vm://" + name + "?broker.persistent=false&broker.tcpPort=0")
                .createContext()) {
            int port = EmbeddedBrokers.find(name).orElseThrow().tcpPort();
            try (JMSContext remote = new TernConnectionFactory("tcp://127.0.0.1:" + port).createContext()) {
                Queue queue = remote.createQueue("shared");
                JMSConsumer consumer = remote.createConsumer(queue);
                local.createProducer().send(queue, "from vm to tcp");
                assertThat(consumer.receiveBody(String.class, 5_000)).isEqualTo("from vm to tcp");
            }
        }
    }

    @Test
    void aBrokerShuttingDownTellsTcpClientsWhy() throws JMSException {
        String name = name();
        Broker broker = start(name, TcpSettings.onPort(0));
        Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection();
        AtomicReference<JMSException> told = new AtomicReference<>();
        connection.setExceptionListener(told::set);
        EmbeddedBrokers.stop(name);
        await().atMost(Duration.ofSeconds(5)).until(() -> told.get() != null);
        assertThat(told.get()).hasMessageContaining("is shutting down");
        assertThatThrownBy(() -> connection.createSession(Session.AUTO_ACKNOWLEDGE)).isInstanceOf(JMSException.class);
        connection.close();
    }
}
