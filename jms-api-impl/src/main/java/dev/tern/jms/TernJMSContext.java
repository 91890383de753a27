package dev.tern.jms;

import static dev.tern.jms.JmsExceptions.unchecked;
import static dev.tern.jms.JmsExceptions.uncheckedRun;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * The simplified API: a connection and one session in one object, with runtime exceptions. Contexts
 * made by {@link #createContext(int)} share the connection, which closes with the last of them.
 */
public class TernJMSContext implements JMSContext {

    private final SharedConnection shared;
    private final int sessionMode;
    private TernSession session;
    private boolean autoStart = true;
    private boolean closed;

    TernJMSContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    /** A context that owns a new connection. */
    static TernJMSContext owning(TernConnection connection, int sessionMode) {
        return new TernJMSContext(new SharedConnection(connection), sessionMode);
    }

    static void checkSessionMode(int sessionMode) {
        uncheckedRun(() -> TernSession.checkMode(sessionMode));
    }

    /** A connection and the number of contexts that use it. */
    static final class SharedConnection {
        final TernConnection connection;
        int users = 1;

        SharedConnection(TernConnection connection) {
            this.connection = connection;
        }

        synchronized void acquire() {
            if (users == 0) {
                throw new IllegalStateRuntimeException("The connection of this JMSContext is closed.");
            }
            users++;
        }

        /** Releases one use; true when it was the last. */
        synchronized boolean release() {
            return --users == 0;
        }
    }

    @Override
    public JMSContext createContext(int newSessionMode) {
        checkOpen();
        checkSessionMode(newSessionMode);
        shared.acquire();
        return new TernJMSContext(shared, newSessionMode);
    }

    synchronized TernSession session() {
        checkOpen();
        if (session == null) {
            session = unchecked(() -> newSession(shared.connection, sessionMode));
        }
        return session;
    }

    /** Creates the context's session, the first time it is needed. */
    TernSession newSession(TernConnection connection, int mode) throws JMSException {
        return connection.createTernSession(mode);
    }

    private TernConnection connection() {
        checkOpen();
        return shared.connection;
    }

    @Override
    public JMSProducer createProducer() {
        return new TernJMSProducer(session());
    }

    @Override
    public String getClientID() {
        return unchecked(connection()::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        uncheckedRun(() -> connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return unchecked(connection()::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return unchecked(connection()::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        uncheckedRun(() -> connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        uncheckedRun(connection()::start);
    }

    @Override
    public void stop() {
        uncheckedRun(connection()::stop);
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    @Override
    public void close() {
        TernSession current;
        synchronized (this) {
            if (closed) {
                return;
            }
            current = session;
        }
        if (current != null) {
            uncheckedRun(() -> current.checkNotInCallback("close its own JMSContext"));
        }
        synchronized (this) {
            closed = true;
        }
        uncheckedRun(() -> {
            if (current != null) {
                current.close();
            }
            if (shared.release()) {
                shared.connection.close();
            }
        });
    }

    @Override
    public BytesMessage createBytesMessage() {
        return unchecked(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage() {
        return unchecked(session()::createMapMessage);
    }

    @Override
    public Message createMessage() {
        return unchecked(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return unchecked(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return unchecked(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return unchecked(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage() {
        return unchecked(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return unchecked(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        return unchecked(session()::getTransacted);
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        uncheckedRun(session()::commit);
    }

    @Override
    public void rollback() {
        uncheckedRun(session()::rollback);
    }

    @Override
    public void recover() {
        uncheckedRun(session()::recover);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return started(unchecked(() -> session().createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return started(unchecked(() -> session().createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return started(unchecked(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return started(unchecked(() -> session().createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return started(unchecked(() -> session().createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return started(unchecked(() -> session().createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return started(unchecked(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector)));
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
    public Queue createQueue(String queueName) {
        return unchecked(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return unchecked(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return unchecked(session()::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return unchecked(session()::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(String name) {
        uncheckedRun(() -> session().unsubscribe(name));
    }

    @Override
    public void acknowledge() {
        uncheckedRun(session()::acknowledgeConsumed);
    }

    private JMSConsumer started(jakarta.jms.MessageConsumer consumer) {
        if (autoStart) {
            start();
        }
        return new TernJMSConsumer((TernMessageConsumer) consumer);
    }

    synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("The JMSContext is closed.");
        }
    }
}
