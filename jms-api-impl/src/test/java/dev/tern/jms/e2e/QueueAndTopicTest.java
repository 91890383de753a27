package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class QueueAndTopicTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    @TransportTest
    void queueDeliversEachMessageToExactlyOneOfCompetingConsumers() throws JMSException {
        Queue queue = session.createQueue("work");
        Session other = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer first = session.createConsumer(queue);
        MessageConsumer second = other.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 100; i++) {
            producer.send(session.createTextMessage("job-" + i));
        }
        List<String> byFirst = drain(first);
        List<String> bySecond = drain(second);

        assertThat(byFirst).isNotEmpty();
        assertThat(bySecond).isNotEmpty();
        Set<String> all = new HashSet<>(byFirst);
        all.addAll(bySecond);
        assertThat(byFirst.size() + bySecond.size()).isEqualTo(100);
        assertThat(all).hasSize(100);
    }

    @TransportTest
    void topicGivesEverySubscriberItsOwnCopy() throws JMSException {
        Topic topic = session.createTopic("news");
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = connection.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(topic);
        MessageProducer producer = session.createProducer(topic);
        for (int i = 0; i < 10; i++) {
            producer.send(session.createTextMessage("n" + i));
        }
        assertThat(drain(a)).hasSize(10);
        assertThat(drain(b)).hasSize(10);
    }

    @TransportTest
    void aSubscriptionsQueueCannotBeReachedAsAQueueByItsName() throws JMSException {
        Topic topic = session.createTopic("payroll");
        session.createSharedDurableConsumer(topic, "pay").close();
        session.createProducer(topic).send(session.createTextMessage("salary"));
        Queue byName = session.createQueue("sub::pay");

        assertThatThrownBy(() -> session.createConsumer(byName)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("subscription to topic payroll");
        assertThatThrownBy(() -> session.createBrowser(byName).getEnumeration())
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createProducer(byName).send(session.createTextMessage("forged")))
                .isInstanceOf(InvalidDestinationException.class);
        MessageConsumer subscriber = session.createSharedDurableConsumer(topic, "pay");
        assertThat(((TextMessage) subscriber.receive(5_000)).getText()).isEqualTo("salary");
        assertThat(subscriber.receive(200)).as("nothing was injected").isNull();
        subscriber.close();
        session.unsubscribe("pay");
    }

    @TransportTest
    void nonDurableSubscriberMissesWhatWasPublishedBeforeItSubscribed() throws JMSException {
        Topic topic = session.createTopic("ticks");
        session.createProducer(topic).send(session.createTextMessage("early"));
        MessageConsumer late = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("late"));
        assertThat(drain(late)).containsExactly("late");
    }

    @TransportTest
    void durableSubscriptionKeepsMessagesWhileOfflineAndUnsubscribeDeletesIt() throws JMSException {
        try (Connection subscriber = broker.connection()) {
            subscriber.setClientID("reporting");
            Session subSession = subscriber.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = subSession.createTopic("orders");
            subSession.createDurableSubscriber(topic, "daily").close();

            session.createProducer(topic).send(session.createTextMessage("while offline"));

            MessageConsumer back = subSession.createDurableSubscriber(topic, "daily");
            subscriber.start();
            assertThat(drain(back)).containsExactly("while offline");
            back.close();
            subSession.unsubscribe("daily");

            session.createProducer(topic).send(session.createTextMessage("after unsubscribe"));
            MessageConsumer fresh = subSession.createDurableSubscriber(topic, "daily");
            assertThat(drain(fresh)).isEmpty();
        }
    }

    @TransportTest
    void unsubscribeOfUnknownSubscriptionIsInvalidDestination() throws JMSException {
        assertThatThrownBy(() -> session.unsubscribe("never-created"))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("never-created");
    }

    @TransportTest
    void unsubscribeWhileConsumerIsActiveIsIllegalState() throws JMSException {
        try (Connection subscriber = broker.connection()) {
            subscriber.setClientID("busy");
            Session subSession = subscriber.createSession(Session.AUTO_ACKNOWLEDGE);
            subSession.createDurableConsumer(subSession.createTopic("t"), "s");
            assertThatThrownBy(() -> subSession.unsubscribe("s")).isInstanceOf(IllegalStateException.class);
        }
    }

    @TransportTest
    void sharedDurableSubscriptionSplitsMessagesAcrossItsConsumers() throws JMSException {
        Topic topic = session.createTopic("shared-durable");
        Session otherSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer one = session.createSharedDurableConsumer(topic, "workers");
        MessageConsumer two = otherSession.createSharedDurableConsumer(topic, "workers");
        MessageProducer producer = session.createProducer(topic);
        for (int i = 0; i < 50; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        List<String> first = drain(one);
        List<String> second = drain(two);
        assertThat(first.size() + second.size()).isEqualTo(50);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
    }

    @TransportTest
    void sharedNonDurableSubscriptionEndsWithItsLastConsumer() throws JMSException {
        Topic topic = session.createTopic("shared");
        MessageConsumer one = session.createSharedConsumer(topic, "group");
        MessageConsumer two = connection.createSession(Session.AUTO_ACKNOWLEDGE).createSharedConsumer(topic, "group");
        MessageProducer producer = session.createProducer(topic);
        for (int i = 0; i < 20; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        assertThat(drain(one).size() + drain(two).size()).isEqualTo(20);
        one.close();
        two.close();
        producer.send(session.createTextMessage("nobody listens"));
        MessageConsumer again = session.createSharedConsumer(topic, "group");
        assertThat(drain(again)).isEmpty();
    }

    @TransportTest
    void noLocalSubscriberSkipsItsOwnConnectionsMessages() throws JMSException {
        Topic topic = session.createTopic("chat");
        MessageConsumer noLocal = session.createConsumer(topic, null, true);
        session.createProducer(topic).send(session.createTextMessage("mine"));
        try (Connection other = broker.connection()) {
            Session otherSession = other.createSession(Session.AUTO_ACKNOWLEDGE);
            otherSession.createProducer(topic).send(otherSession.createTextMessage("theirs"));
        }
        assertThat(drain(noLocal)).containsExactly("theirs");
    }

    @TransportTest
    void unsharedDurableSubscriptionAllowsOneActiveConsumer() throws JMSException {
        try (Connection subscriber = broker.connection()) {
            subscriber.setClientID("single");
            Session subSession = subscriber.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = subSession.createTopic("t");
            subSession.createDurableConsumer(topic, "only");
            assertThatThrownBy(() -> subSession.createDurableConsumer(topic, "only"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("active consumer");
        }
    }

    @TransportTest
    void unsharedDurableSubscriptionNeedsClientId() throws JMSException {
        Topic topic = session.createTopic("t");
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "anonymous"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client ID");
    }

    static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> bodies = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(300)) != null) {
            bodies.add(((TextMessage) message).getText());
        }
        return bodies;
    }
}
