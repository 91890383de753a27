package dev.tern.tck.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names and users the official Jakarta Messaging TCK expects, as {@code jndi.properties} on the
 * test class path provides them: a plain {@code new InitialContext()} must find every one. Runs in every
 * build, with or without the TCK.
 */
@Timeout(60)
class TckProviderHooksTest {

    private static final List<String> QUEUES = List.of("MY_QUEUE", "MY_QUEUE2", "testQ0", "testQ1", "testQ2", "testQueue2", "Q2");
    private static final List<String> TOPICS = List.of("MY_TOPIC", "MY_TOPIC2", "testT0", "testT1", "testT2");

    private InitialContext context;

    @BeforeEach
    void readJndiProperties() throws NamingException {
        context = new InitialContext();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MyConnectionFactory", "MyQueueConnectionFactory", "MyTopicConnectionFactory",
            "DURABLE_SUB_CONNECTION_FACTORY"})
    void connectionFactoriesResolve(String name) throws NamingException {
        assertThat(context.lookup(name)).isInstanceOf(ConnectionFactory.class)
                .isInstanceOf(QueueConnectionFactory.class).isInstanceOf(TopicConnectionFactory.class);
    }

    @Test
    void theDurableSubscriptionFactoryHasClientIdCts() throws Exception {
        TernConnectionFactory factory = (TernConnectionFactory) context.lookup("DURABLE_SUB_CONNECTION_FACTORY");

        assertThat(factory.getClientID()).isEqualTo("cts");
        try (Connection connection = factory.createConnection("j2ee", "j2ee")) {
            assertThat(connection.getClientID()).isEqualTo("cts");
        }
    }

    @Test
    void queuesAndTopicsResolveToTheirNames() throws Exception {
        for (String name : QUEUES) {
            assertThat(((Queue) context.lookup(name)).getQueueName()).isEqualTo(name);
        }
        for (String name : TOPICS) {
            assertThat(((Topic) context.lookup(name)).getTopicName()).isEqualTo(name);
        }
    }

    @Test
    void userJ2eeSendsAndReceives() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) context.lookup("MyConnectionFactory");
        Queue queue = (Queue) context.lookup("MY_QUEUE");

        try (JMSContext jms = factory.createContext("j2ee", "j2ee")) {
            jms.createProducer().send(queue, "tck hello");
            assertThat(jms.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("tck hello");
        }
    }

    @Test
    void messagesWaitWhileNoConnectionIsOpen() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) context.lookup("MyConnectionFactory");
        Queue queue = (Queue) context.lookup("testQ2");

        try (JMSContext sender = factory.createContext("j2ee", "j2ee")) {
            sender.createProducer().send(queue, "kept");
        }
        try (JMSContext receiver = factory.createContext("j2ee", "j2ee")) {
            assertThat(receiver.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("kept");
        }
    }

    @Test
    void connectionsWithoutAUserNameActAsTheGuestUser() throws Exception {
        QueueConnectionFactory queueFactory = (QueueConnectionFactory) context.lookup("MyQueueConnectionFactory");
        TopicConnectionFactory topicFactory = (TopicConnectionFactory) context.lookup("MyTopicConnectionFactory");
        Queue queue = (Queue) context.lookup("testQ1");

        queueFactory.createQueueConnection().close();
        topicFactory.createTopicConnection().close();
        try (JMSContext jms = queueFactory.createContext()) {
            jms.createProducer().send(queue, "as guest");
            assertThat(jms.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("as guest");
        }
    }

    @Test
    void userInvalidIsRefused() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) context.lookup("MyConnectionFactory");
        QueueConnectionFactory queueFactory = (QueueConnectionFactory) context.lookup("MyQueueConnectionFactory");
        TopicConnectionFactory topicFactory = (TopicConnectionFactory) context.lookup("MyTopicConnectionFactory");

        assertThatThrownBy(() -> factory.createConnection("invalid", "invalid")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> queueFactory.createQueueConnection("invalid", "invalid"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> topicFactory.createTopicConnection("invalid", "invalid"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createContext("invalid", "invalid")).isInstanceOf(JMSSecurityRuntimeException.class);
        assertThatThrownBy(() -> factory.createConnection("j2ee", "wrong")).isInstanceOf(JMSSecurityException.class);
    }
}
