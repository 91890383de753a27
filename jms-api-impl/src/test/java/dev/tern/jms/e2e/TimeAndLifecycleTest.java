package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery delay and time-to-live against a clock the test moves, request-reply, and connection failure.
 * vm:// only: the client stamps message times with the broker's MutableClock, which only a vm:// client shares.
 */
@Timeout(60)
class TimeAndLifecycleTest {

    @TempDir
    Path dataDir;

    private final String name = "clock-" + UUID.randomUUID().toString().substring(0, 8);
    private MutableClock clock;
    private TernConnectionFactory factory;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start() throws JMSException {
        clock = MutableClock.startingNow();
        EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir).withClock(clock));
        factory = new TernConnectionFactory("vm://" + name);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("timed");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        EmbeddedBrokers.stop(name);
    }

    @Test
    void delayedMessageIsDeliveredOnlyWhenItsTimeComes() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(Duration.ofHours(1).toMillis());
        producer.send(session.createTextMessage("later"));
        producer.setDeliveryDelay(0);
        producer.send(session.createTextMessage("now"));

        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(1000))).isEqualTo("now");
        assertThat(consumer.receive(200)).isNull();
        clock.advance(Duration.ofMinutes(59));
        assertThat(consumer.receive(200)).isNull();
        clock.advance(Duration.ofMinutes(2));
        Message later = consumer.receive(5000);
        assertThat(text(later)).isEqualTo("later");
        assertThat(later.getJMSDeliveryTime()).isGreaterThan(later.getJMSTimestamp());
    }

    @Test
    void deliveryDelaySurvivesARestart() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(Duration.ofHours(2).toMillis());
        producer.send(session.createTextMessage("after restart"));
        connection.close();
        EmbeddedBrokers.stop(name);

        EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir).withClock(clock));
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(200)).isNull();
        clock.advance(Duration.ofHours(2));
        assertThat(text(consumer.receive(5000))).isEqualTo("after restart");
    }

    @Test
    void expiredMessagesAreNeverDelivered() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(Duration.ofMinutes(5).toMillis());
        producer.send(session.createTextMessage("stale"));
        producer.setTimeToLive(0);
        producer.send(session.createTextMessage("fresh"));
        clock.advance(Duration.ofMinutes(6));

        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(1000))).isEqualTo("fresh");
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void expirySweepEmptiesAQueueWithoutConsumers() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.setTimeToLive(1000);
        for (int i = 0; i < 5; i++) {
            producer.send(session.createTextMessage("short-lived"));
        }
        QueueBrowser browser = session.createBrowser(queue);
        assertThat(Collections.list(browser.getEnumeration())).hasSize(5);
        clock.advance(Duration.ofSeconds(2));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> EmbeddedBrokers.find(name).orElseThrow().messageCount("timed").orElse(-1) == 0);
    }

    @Test
    void requestReplyThroughATemporaryQueue() throws Exception {
        Session serverSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer replier = serverSession.createProducer(null);
        serverSession.createConsumer(queue).setMessageListener(request -> {
            try {
                TextMessage reply = serverSession.createTextMessage("re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replier.send(request.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new java.lang.IllegalStateException(e);
            }
        });

        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage request = session.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        session.createProducer(queue).send(request);
        Message reply = session.createConsumer(replies).receive(5000);
        assertThat(text(reply)).isEqualTo("re: ping");
        assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @Test
    void temporaryQueueIsDeletedWhenItsConnectionCloses() throws JMSException {
        Connection owner = factory.createConnection();
        TemporaryQueue temporary = owner.createSession(Session.AUTO_ACKNOWLEDGE).createTemporaryQueue();
        owner.close();
        MessageProducer producer = session.createProducer(temporary);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> producer.send(session.createTextMessage("x")))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    @Test
    void exceptionListenerHearsWhenTheBrokerGoesAway() throws Exception {
        CompletableFuture<JMSException> heard = new CompletableFuture<>();
        Connection watched = factory.createConnection();
        watched.setExceptionListener(heard::complete);
        EmbeddedBrokers.stop(name);
        JMSException exception = heard.get(5, TimeUnit.SECONDS);
        assertThat(exception.getMessage()).contains("shutting down");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> watched.createSession(Session.AUTO_ACKNOWLEDGE))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
        watched.close();
        EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir).withClock(clock));
        connection = factory.createConnection();
    }

    @Test
    void metaDataNamesTernAndJakartaMessaging31() throws JMSException {
        ConnectionMetaData metaData = connection.getMetaData();
        assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
        assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
        assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
        assertThat(metaData.getJMSProviderName()).isEqualTo("Tern");
        assertThat(Collections.list(metaData.getJMSXPropertyNames())).contains("JMSXDeliveryCount", "JMSXGroupID");
    }

    private static String text(Message message) throws JMSException {
        assertThat(message).isNotNull();
        return ((TextMessage) message).getText();
    }
}
