package dev.tern.ra;

import dev.tern.jms.TernXASession;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's session handle on the pooled connection's XA session. Inside a transaction (one the
 * server enlisted, or a local one) it is transacted and {@code commit}/{@code rollback} throw
 * TransactionInProgressException; outside one it acknowledges automatically and they throw
 * IllegalStateException. Closing it closes the producers, consumers and browsers made through it and deletes
 * its temporary destinations, so the pooled session is clean for the next user. Message listeners
 * are not allowed (Jakarta Messaging 3.1, section 12.2).
 */
final class TernRaSession implements Session, QueueSession, TopicSession {

    private static final Logger LOG = LoggerFactory.getLogger(TernRaSession.class);

    private final TernRaConnection connection;
    private final TernManagedConnection managed;
    private final TernXASession physical;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Destination> temporaries = new ArrayList<>();
    private volatile boolean closed;

    TernRaSession(TernRaConnection connection, TernManagedConnection managed) {
        this.connection = connection;
        this.managed = managed;
        this.physical = managed.physicalSession();
    }

    static void checkSessionModeChecked(int sessionMode) throws JMSException {
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("Unknown session mode " + sessionMode);
        }
    }

    static void checkSessionMode(int sessionMode) {
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("Unknown session mode " + sessionMode);
        }
    }

    // ---- messages ----

    @Override
    public Message createMessage() throws JMSException {
        return open().createMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return open().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return open().createTextMessage(text);
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return open().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return open().createMapMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return open().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return open().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return open().createStreamMessage();
    }

    // ---- transactions ----

    @Override
    public boolean getTransacted() throws JMSException {
        open();
        return managed.inTransaction();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        open();
        return managed.inTransaction() ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE;
    }

    @Override
    public void commit() throws JMSException {
        open();
        if (managed.inTransaction()) {
            throw new TransactionInProgressException("The session's transaction is the server's; it commits it.");
        }
        throw new IllegalStateException("The session is not transacted: outside a transaction it acknowledges "
                + "automatically.");
    }

    @Override
    public void rollback() throws JMSException {
        open();
        if (managed.inTransaction()) {
            throw new TransactionInProgressException("The session's transaction is the server's; roll it back "
                    + "through the server (for example setRollbackOnly).");
        }
        throw new IllegalStateException("The session is not transacted: outside a transaction it acknowledges "
                + "automatically.");
    }

    @Override
    public void recover() throws JMSException {
        open();
        if (managed.inTransaction()) {
            throw new IllegalStateException("recover() is for sessions outside a transaction.");
        }
        physical.recover();
    }

    // ---- listeners: not in a container ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw TernRaConnection.restricted("Session.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw TernRaConnection.restricted("Session.setMessageListener");
    }

    @Override
    public void run() {
        throw new IllegalStateRuntimeException("Session.run may not be called in a Jakarta EE web or EJB container "
                + "(Jakarta Messaging 3.1, section 12.2).");
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        return open().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        return open().createTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        return track(open().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        return track(open().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        open().unsubscribe(name);
    }

    // ---- producers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return opened(open().createProducer(resolve(destination)));
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return opened(open().createSender((Queue) resolve(queue)));
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return opened(open().createPublisher((Topic) resolve(topic)));
    }

    // ---- consumers and browsers ----

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return consumer(open().createConsumer(resolve(destination)));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return consumer(open().createConsumer(resolve(destination), messageSelector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(open().createConsumer(resolve(destination), messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return consumer(open().createSharedConsumer((Topic) resolve(topic), sharedSubscriptionName));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return consumer(open().createSharedConsumer((Topic) resolve(topic), sharedSubscriptionName, messageSelector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return consumer(open().createDurableSubscriber((Topic) resolve(topic), name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(open().createDurableSubscriber((Topic) resolve(topic), name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(open().createDurableConsumer((Topic) resolve(topic), name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return consumer(open().createDurableConsumer((Topic) resolve(topic), name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return consumer(open().createSharedDurableConsumer((Topic) resolve(topic), name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return consumer(open().createSharedDurableConsumer((Topic) resolve(topic), name, messageSelector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return consumer(open().createReceiver((Queue) resolve(queue)));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return consumer(open().createReceiver((Queue) resolve(queue), messageSelector));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return consumer(open().createSubscriber((Topic) resolve(topic)));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return consumer(open().createSubscriber((Topic) resolve(topic), messageSelector, noLocal));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return opened(open().createBrowser((Queue) resolve(queue)));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        return opened(open().createBrowser((Queue) resolve(queue), messageSelector));
    }

    // ---- closing ----

    /** Closes what was made through this handle; the pooled session stays open. */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closeQuietly();
    }

    void closeQuietly() {
        List<AutoCloseable> toClose;
        List<Destination> toDelete;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(opened);
            toDelete = List.copyOf(temporaries);
            opened.clear();
            temporaries.clear();
        }
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("Closing {} of a session handle: {}", resource, e.getMessage());
            }
        }
        for (Destination temporary : toDelete) {
            try {
                if (temporary instanceof TemporaryQueue queue) {
                    queue.delete();
                } else if (temporary instanceof TemporaryTopic topic) {
                    topic.delete();
                }
            } catch (JMSException e) {
                LOG.debug("Deleting temporary destination {} of a session handle: {}", temporary, e.getMessage());
            }
        }
        connection.sessionClosed(this);
    }

    private TernXASession open() throws IllegalStateException {
        if (closed || connection.isClosed()) {
            throw new IllegalStateException("The session is closed.");
        }
        return physical;
    }

    /** A destination the session understands: an administered {@link TernRaDestination} becomes Tern's own. */
    private Destination resolve(Destination destination) throws JMSException {
        return destination instanceof TernRaDestination administered ? administered.toSessionDestination(physical)
                : destination;
    }

    private synchronized <T extends AutoCloseable> T opened(T resource) {
        opened.add(resource);
        return resource;
    }

    private <T extends MessageConsumer> TernRaMessageConsumer consumer(T consumer) {
        return opened(new TernRaMessageConsumer(consumer));
    }

    private synchronized <T extends Destination> T track(T temporary) {
        temporaries.add(temporary);
        return temporary;
    }
}
