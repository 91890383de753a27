package dev.tern.ra;

import static dev.tern.ra.RuntimeExceptions.unchecked;
import static dev.tern.ra.RuntimeExceptions.uncheckedRun;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * A JMSContext on a connection handle and its one session handle. Inside a transaction it takes part in
 * it; outside one it acknowledges automatically. {@code setClientID}, {@code setExceptionListener},
 * {@code stop} and {@code createContext} throw IllegalStateRuntimeException (Jakarta Messaging 3.1, section 12.2).
 */
final class TernRaJMSContext implements JMSContext {

    private final TernRaConnection connection;
    private Session session;
    private boolean autoStart = true;
    private volatile boolean closed;

    TernRaJMSContext(TernRaConnection connection) {
        this.connection = connection;
    }

    synchronized Session session() {
        if (closed) {
            throw new IllegalStateRuntimeException("The JMSContext is closed.");
        }
        if (session == null) {
            session = unchecked(connection::createSession);
        }
        return session;
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw new IllegalStateRuntimeException("JMSContext.createContext may not be called in a Jakarta EE web or "
                + "EJB container (Jakarta Messaging 3.1, section 12.2); use the connection factory.");
    }

    @Override
    public JMSProducer createProducer() {
        return new TernRaJMSProducer(this, unchecked(() -> session().createProducer(null)));
    }

    @Override
    public String getClientID() {
        return unchecked(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        throw new IllegalStateRuntimeException(TernRaConnection.restricted("JMSContext.setClientID").getMessage());
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return unchecked(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return unchecked(connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        throw new IllegalStateRuntimeException(TernRaConnection.restricted("JMSContext.setExceptionListener").getMessage());
    }

    @Override
    public void start() {
        uncheckedRun(connection::start);
    }

    @Override
    public void stop() {
        throw new IllegalStateRuntimeException(TernRaConnection.restricted("JMSContext.stop").getMessage());
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        return autoStart;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        uncheckedRun(connection::close);
    }

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return unchecked(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return unchecked(() -> session().getTransacted());
    }

    @Override
    public int getSessionMode() {
        return unchecked(() -> session().getAcknowledgeMode());
    }

    @Override
    public void commit() {
        uncheckedRun(() -> session().commit());
    }

    @Override
    public void rollback() {
        uncheckedRun(() -> session().rollback());
    }

    @Override
    public void recover() {
        uncheckedRun(() -> session().recover());
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(unchecked(() -> session().createConsumer(destination)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(unchecked(() -> session().createConsumer(destination, messageSelector)));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(unchecked(() -> session().createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(unchecked(() -> session().createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(unchecked(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(unchecked(() -> session().createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(unchecked(() -> session().createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(unchecked(() -> session().createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(unchecked(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector)));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return unchecked(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return unchecked(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    /** Nothing to do: outside a transaction the session acknowledges automatically, inside one the transaction does. */
    @Override
    public void acknowledge() {
        session();
    }

    private JMSConsumer consumer(MessageConsumer consumer) {
        if (autoStart) {
            start();
        }
        return new TernRaJMSConsumer(consumer);
    }
}
