package dev.tern.junit;

import dev.tern.broker.Broker;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** The queue helpers of {@link TernBrokerExtension}: counts from the engine, browsing through the JMS API. */
final class QueueInspector {

    private static final long POLL_MILLIS = 5;

    private final Broker broker;
    private final ConnectionFactory factory;

    QueueInspector(Broker broker, ConnectionFactory factory) {
        this.broker = broker;
        this.factory = factory;
    }

    int messageCount(String queue) {
        return broker.messageCount(queue).orElse(0);
    }

    int unacknowledgedCount(String queue) {
        return broker.unacknowledgedCount(queue).orElse(0);
    }

    int purge(String queue) {
        return broker.purgeQueue(queue);
    }

    List<Message> browse(String queue) {
        try (JMSContext context = factory.createContext()) {
            List<Message> messages = new ArrayList<>();
            QueueBrowser browser = context.createBrowser(context.createQueue(queue));
            try {
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                    messages.add((Message) e.nextElement());
                }
            } finally {
                browser.close();
            }
            return Collections.unmodifiableList(messages);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("Could not browse queue " + queue + ": " + e.getMessage(), e);
        }
    }

    /** Polls the engine's count every few milliseconds until it is zero or the time is up. */
    void awaitEmpty(String queue, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unacknowledgedCount(queue) > 0) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Queue " + queue + " still holds " + unacknowledgedCount(queue)
                        + " unacknowledged message(s), " + messageCount(queue) + " of them waiting for a consumer, after "
                        + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for queue " + queue + " to empty", e);
            }
        }
    }
}
