package dev.tern.spring.boot;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the queues named in {@code tern.queues} on the broker at start-up and checks the names in
 * {@code tern.topics}, so that a bad name fails the start of the application.
 *
 * <p>A Tern broker creates a queue the first time a client uses it; browsing the queue is such a use
 * that neither sends nor consumes anything, so that is how the queues are made. A topic is an address
 * and needs nothing on the broker; only its name is checked.
 */
public class TernDestinationCreator implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(TernDestinationCreator.class);

    private final ConnectionFactory connectionFactory;
    private final List<String> queues;
    private final List<String> topics;

    /** A creator of the given queues and checker of the given topics, through the given factory. */
    public TernDestinationCreator(ConnectionFactory connectionFactory, List<String> queues, List<String> topics) {
        this.connectionFactory = connectionFactory;
        this.queues = List.copyOf(queues);
        this.topics = List.copyOf(topics);
    }

    @Override
    public void afterPropertiesSet() throws JMSException {
        if (queues.isEmpty() && topics.isEmpty()) {
            return;
        }
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE)) {
            for (String name : queues) {
                try (QueueBrowser browser = session.createBrowser(session.createQueue(name))) {
                    browser.getEnumeration();
                }
            }
            for (String name : topics) {
                session.createTopic(name);
            }
        }
        LOG.info("Tern destinations ready: queues {}, topics {}", queues, topics);
    }
}
