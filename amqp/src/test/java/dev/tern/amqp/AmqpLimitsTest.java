package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.net.TcpSettings;
import dev.tern.protocol.MessageLimits;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.proton.amqp.transport.Open;
import org.junit.jupiter.api.Test;

/** The port's message limits and idle timeout, and a broker that goes away under its clients. */
class AmqpLimitsTest extends AmqpBrokerSupport {

    @Test
    void aMessageBeyondTheLimitsIsRefusedAndTheConnectionStaysUsable() throws Exception {
        startBroker(config -> config.withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")
                .withMessageLimits(MessageLimits.DEFAULT.withMaxHeaderSize(4096).withMaxBodySize(10_000))));
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("limited");
            MessageProducer producer = session.createProducer(queue);
            BytesMessage large = session.createBytesMessage();
            large.writeBytes(new byte[100_000]);
            assertThatThrownBy(() -> producer.send(large)).isInstanceOf(JMSException.class);
            producer.send(session.createTextMessage("small"));
            assertThat(((TextMessage) session.createConsumer(queue).receive(5_000)).getText()).isEqualTo("small");
        }
        assertThat(broker.messageCount("limited")).hasValue(0);
    }

    @Test
    void aMessageWithMorePropertiesThanAllowedIsRefused() throws Exception {
        startBroker(config -> config.withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")
                .withMessageLimits(MessageLimits.DEFAULT.withMaxProperties(3))));
        try (Connection connection = qpid().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("few-properties"));
            TextMessage crowded = session.createTextMessage("crowded");
            for (int i = 0; i < 5; i++) {
                crowded.setIntProperty("p" + i, i);
            }
            assertThatThrownBy(() -> producer.send(crowded)).isInstanceOf(JMSException.class)
                    .hasMessageContaining("maxMessageProperties");
            producer.send(session.createTextMessage("plain"));
        }
        assertThat(broker.messageCount("few-properties")).hasValue(1);
    }

    @Test
    void aClientSilentBeyondTheIdleTimeoutIsDisconnected() throws Exception {
        startBroker(config -> config.withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")
                .withIdleTimeoutMillis(1_000)));
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.write(RawAmqpSocket.AMQP_HEADER);
            Open open = new Open();
            open.setContainerId("silent");
            socket.writeFrame(0, open);
            socket.readUntilClosed();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 0);
    }

    @Test
    void aSocketThatNeverOpensIsDisconnected() throws Exception {
        startBroker(config -> config.withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")
                .withIdleTimeoutMillis(1_000)));
        try (RawAmqpSocket socket = new RawAmqpSocket(amqpPort())) {
            socket.readUntilClosed();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 0);
    }

    @Test
    void aQpidJmsClientWithHeartbeatsOutlivesTheIdleTimeout() throws Exception {
        startBroker(config -> config.withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")
                .withIdleTimeoutMillis(2_000)));
        try (Connection connection = qpid("amqp.idleTimeout=4000").createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("patient");
            var consumer = session.createConsumer(queue);
            assertThat(consumer.receive(4_500)).isNull();
            session.createProducer(queue).send(session.createTextMessage("still here"));
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("still here");
        }
    }

    @Test
    void aStoppingBrokerClosesItsAmqpClientsWithAnError() throws Exception {
        startBroker();
        Connection connection = qpid().createConnection();
        try {
            CompletableFuture<JMSException> failure = new CompletableFuture<>();
            connection.setExceptionListener(failure::complete);
            connection.start();
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(
                    connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue("any"));
            dev.tern.broker.vm.EmbeddedBrokers.stop(name);
            assertThat(failure.get(10, TimeUnit.SECONDS)).isNotNull();
        } finally {
            connection.close();
        }
    }
}
