package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.security.AccessRules;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Qpid JMS with Tern's own client, request-reply over a temporary queue, security, and the dead-letter path. */
class AmqpInteropTest extends AmqpBrokerSupport {

    /** Qpid JMS's extension property that picks the outcome {@code acknowledge()} sends. */
    private static final String ACK_TYPE = "JMS_AMQP_ACK_TYPE";
    private static final int REJECTED = 2;
    private static final int MODIFIED_FAILED = 4;

    @TempDir
    Path dir;

    @Test
    void aQpidJmsMessageReachesATernConsumerWithItsTypeAndProperties() throws Exception {
        startBroker();
        try (Connection qpid = qpid().createConnection(); Connection tern = tern().createConnection()) {
            tern.start();
            Session ternSession = tern.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer ternConsumer = ternSession.createConsumer(ternSession.createQueue("mixed"));
            Session qpidSession = qpid.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = qpidSession.createProducer(qpidSession.createQueue("mixed"));
            TextMessage text = qpidSession.createTextMessage("from amqp");
            text.setStringProperty("origin", "qpid");
            text.setIntProperty("count", 7);
            producer.send(text, DeliveryMode.PERSISTENT, 7, 0);
            BytesMessage bytes = qpidSession.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 2, 3});
            producer.send(bytes);

            Message first = ternConsumer.receive(5_000);
            assertThat(first).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) first).getText()).isEqualTo("from amqp");
            assertThat(first.getStringProperty("origin")).isEqualTo("qpid");
            assertThat(first.getIntProperty("count")).isEqualTo(7);
            assertThat(first.getJMSPriority()).isEqualTo(7);
            assertThat(first.getJMSMessageID()).isEqualTo(text.getJMSMessageID());
            Message second = ternConsumer.receive(5_000);
            assertThat(second).isInstanceOf(BytesMessage.class);
            assertThat(((BytesMessage) second).getBodyLength()).isEqualTo(3);
        }
    }

    @Test
    void aTernMessageReachesAQpidJmsConsumer() throws Exception {
        startBroker();
        try (Connection qpid = qpid().createConnection(); Connection tern = tern().createConnection()) {
            qpid.start();
            Session qpidSession = qpid.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = qpidSession.createConsumer(qpidSession.createQueue("back"));
            Session ternSession = tern.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage text = ternSession.createTextMessage("from tern");
            text.setStringProperty("origin", "tern");
            text.setJMSCorrelationID("corr-1");
            ternSession.createProducer(ternSession.createQueue("back")).send(text);
            Message received = consumer.receive(5_000);
            assertThat(received).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) received).getText()).isEqualTo("from tern");
            assertThat(received.getStringProperty("origin")).isEqualTo("tern");
            assertThat(received.getJMSCorrelationID()).isEqualTo("corr-1");
        }
    }

    @Test
    void requestReplyOverATemporaryQueue() throws Exception {
        startBroker();
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue requests = session.createQueue("requests");
            MessageConsumer server = session.createConsumer(requests);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer replyConsumer = session.createConsumer(replies);
            TextMessage request = session.createTextMessage("ping");
            request.setJMSReplyTo(replies);
            session.createProducer(requests).send(request);

            Message received = server.receive(5_000);
            assertThat(received.getJMSReplyTo()).isNotNull();
            session.createProducer(received.getJMSReplyTo()).send(session.createTextMessage("pong"));
            assertThat(((TextMessage) replyConsumer.receive(5_000)).getText()).isEqualTo("pong");
            replyConsumer.close();
            replies.delete();
        }
    }

    @Test
    void badCredentialsAreAJmsSecurityException() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\n");
        startBroker(config -> config.withUsersFile(users));
        assertThatThrownBy(() -> qpid().createConnection("alice", "wrong").start())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> qpid().createConnection().start())
                .isInstanceOf(JMSSecurityException.class);
        try (Connection connection = qpid().createConnection("alice", "secret")) {
            connection.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 0);
    }

    @Test
    void aSendOrConsumerTheAccessRulesRefuseIsAJmsSecurityException() throws Exception {
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\nbob = hunter2\nrole.shop = alice\n");
        startBroker(config -> config.withUsersFile(users).withAccessRules(
                AccessRules.fromOptions(Map.of("orders.>.send", "shop", "orders.>.consume", "shop"))));
        try (Connection bob = qpid().createConnection("bob", "hunter2")) {
            Session session = bob.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue orders = session.createQueue("orders.eu");
            assertThatThrownBy(() -> session.createProducer(orders).send(session.createTextMessage("forged")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("'send'");
            assertThatThrownBy(() -> session.createConsumer(orders))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("'consume'");
        }
        try (Connection alice = qpid().createConnection("alice", "secret")) {
            Session session = alice.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("orders.eu")).send(session.createTextMessage("order"));
        }
        assertThat(broker.messageCount("orders.eu")).hasValue(1);
    }

    @Test
    void aClientIdInUseIsAnInvalidClientIdException() throws Exception {
        startBroker();
        try (Connection first = qpid().createConnection()) {
            first.setClientID("only-one");
            first.start();
            Connection second = qpid().createConnection();
            try {
                assertThatThrownBy(() -> {
                    second.setClientID("only-one");
                    second.start();
                }).isInstanceOf(InvalidClientIDException.class);
            } finally {
                second.close();
            }
        }
    }

    @Test
    void rejectedAndModifiedFailedOutcomesEndInTheDeadLetterQueue() throws Exception {
        startBroker(config -> config.withPolicies(AddressPolicies.fromOptions(Map.of("work.maxDeliveryAttempts", "2"))));
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("work");
            session.createProducer(queue).send(session.createTextMessage("poison"));
            MessageConsumer consumer = session.createConsumer(queue);
            Message first = consumer.receive(5_000);
            assertThat(first).isNotNull();
            first.setIntProperty(ACK_TYPE, MODIFIED_FAILED);
            first.acknowledge();
            Message second = consumer.receive(5_000);
            assertThat(second).isNotNull();
            assertThat(second.getJMSRedelivered()).isTrue();
            second.setIntProperty(ACK_TYPE, REJECTED);
            second.acknowledge();
            assertThat(consumer.receive(300)).isNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount("DLQ").orElse(0) == 1);
        assertThat(broker.messageCount("work")).hasValue(0);
    }
}
