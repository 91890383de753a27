package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Queue- and TopicSessions refuse the other domain's methods, as JORAM's UnifiedSessionTest checks. */
@Timeout(60)
class DomainRestrictionTest {

    private final TernConnectionFactory factory =
            new TernConnectionFactory("vm://domain-" + UUID.randomUUID().toString().substring(0, 8) + "?broker.persistent=false");
    private QueueConnection queueConnection;
    private TopicConnection topicConnection;

    @BeforeEach
    void open() throws JMSException {
        queueConnection = factory.createQueueConnection();
        topicConnection = factory.createTopicConnection();
    }

    @AfterEach
    void close() throws JMSException {
        queueConnection.close();
        topicConnection.close();
    }

    @Test
    void queueSessionRefusesTopicMethods() throws JMSException {
        QueueSession session = queueConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = new dev.tern.jms.TernTopic("t");

        assertThatThrownBy(() -> session.createTopic("t")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QueueSession");
        assertThatThrownBy(session::createTemporaryTopic).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createDurableSubscriber(topic, "sub")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "sub")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(topic, "sub")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.unsubscribe("sub")).isInstanceOf(IllegalStateException.class);
        assertThat(session.createQueue("q").getQueueName()).isEqualTo("q");
    }

    @Test
    void topicSessionRefusesQueueMethods() throws JMSException {
        TopicSession session = topicConnection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThatThrownBy(() -> session.createQueue("q")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TopicSession");
        assertThatThrownBy(session::createTemporaryQueue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createBrowser(new dev.tern.jms.TernQueue("q")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(session.createTopic("t").getTopicName()).isEqualTo("t");
    }

    @Test
    void queueConnectionRefusesDurableConnectionConsumers() {
        assertThatThrownBy(() -> queueConnection.createDurableConnectionConsumer(new dev.tern.jms.TernTopic("t"), "s", null,
                null, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unifiedSessionsOfDomainConnectionsDoEverything() throws JMSException {
        Session session = queueConnection.createSession(Session.AUTO_ACKNOWLEDGE);

        assertThat(session.createTopic("t").getTopicName()).isEqualTo("t");
        assertThat(session.createTemporaryTopic()).isNotNull();
    }
}
