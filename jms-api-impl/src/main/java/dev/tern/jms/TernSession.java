package dev.tern.jms;

import dev.tern.jms.message.TernBytesMessage;
import dev.tern.jms.message.TernMapMessage;
import dev.tern.jms.message.TernMessage;
import dev.tern.jms.message.TernObjectMessage;
import dev.tern.jms.message.TernStreamMessage;
import dev.tern.jms.message.TernTextMessage;
import dev.tern.jms.provider.ProviderException;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
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
import jakarta.jms.TransactionRolledBackException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A JMS session: a single-threaded context for producing and consuming, with its acknowledgment mode
 * or local transaction. Its message listeners run one at a time on a thread of the connection's pool.
 */
public class TernSession implements QueueSession, TopicSession {

    private final TernConnection connection;
    private final long id;
    private final int sessionMode;
    private final AckMode ackMode;
    private final List<TernMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<TernMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<Consumed> consumed = new ArrayList<>();
    private final Object listenerLock = new Object();
    private final AtomicBoolean listenerRunScheduled = new AtomicBoolean();
    private final SessionSends sends;
    private volatile Thread listenerThread;
    private volatile Consumed inListener;
    private volatile boolean closing;
    /** The loss that rolled back this transacted session's transaction, until a commit reports it. */
    private volatile ProviderException lostTransaction;
    private volatile boolean closed;
    private int nextListenerConsumer;
    private final MessagingDomain domain;

    /** A delivery handed to the application and not yet acknowledged or committed. */
    private record Consumed(long consumerId, long deliveryId) {
    }

    TernSession(TernConnection connection, long id, int sessionMode, MessagingDomain domain) {
        this.connection = connection;
        this.id = id;
        this.domain = domain;
        this.sessionMode = sessionMode;
        this.ackMode = switch (sessionMode) {
            case SESSION_TRANSACTED -> AckMode.TRANSACTED;
            case CLIENT_ACKNOWLEDGE -> AckMode.CLIENT;
            case DUPS_OK_ACKNOWLEDGE -> AckMode.DUPS_OK;
            default -> AckMode.AUTO;
        };
        this.sends = new SessionSends(connection, id, () -> ackMode() == AckMode.TRANSACTED);
    }

    /**
     * The session mode for the JMS 1.1 pair of arguments.
     *
     * @throws JMSException if the acknowledge mode is not one JMS defines
     */
    static int modeOf(boolean transacted, int acknowledgeMode) throws JMSException {
        if (transacted) {
            return SESSION_TRANSACTED;
        }
        if (acknowledgeMode == SESSION_TRANSACTED) {
            throw new JMSException("A non-transacted session needs AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE or "
                    + "DUPS_OK_ACKNOWLEDGE; pass transacted=true for a transacted session.");
        }
        checkMode(acknowledgeMode);
        return acknowledgeMode;
    }

    static void checkMode(int sessionMode) throws JMSException {
        if (sessionMode < SESSION_TRANSACTED || sessionMode > DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("Invalid session mode " + sessionMode + "; use Session.AUTO_ACKNOWLEDGE, "
                    + "CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED.");
        }
    }

    long id() {
        return id;
    }

    /**
     * How the session acknowledges now: its mode, or TRANSACTED while an XA session works in a branch. It is
     * also the mode the broker's session is created with.
     */
    AckMode ackMode() {
        return ackMode;
    }

    TernConnection connection() {
        return connection;
    }

    // ---- messages ----

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new TernMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new TernTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        TextMessage message = createTextMessage();
        message.setText(text);
        return message;
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new TernBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new TernMapMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new TernObjectMessage(connection.options().trustedPackages());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        return new TernObjectMessage(connection.options().trustedPackages(), object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new TernStreamMessage();
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        domain.require(MessagingDomain.QUEUE, "createQueue", "Session");
        checkOpen();
        return destinationNamed(queueName, "queue", TernQueue::new);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        domain.require(MessagingDomain.TOPIC, "createTopic", "Session");
        checkOpen();
        return destinationNamed(topicName, "topic", TernTopic::new);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        domain.require(MessagingDomain.QUEUE, "createTemporaryQueue", "Session");
        checkOpen();
        return (TemporaryQueue) connection.createTemporary(DestinationType.TEMPORARY_QUEUE);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        domain.require(MessagingDomain.TOPIC, "createTemporaryTopic", "Session");
        checkOpen();
        return (TemporaryTopic) connection.createTemporary(DestinationType.TEMPORARY_TOPIC);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        domain.require(MessagingDomain.QUEUE, "createBrowser", "Session");
        checkOpen();
        return TernQueueBrowser.open(this, queue, emptyToNull(messageSelector));
    }

    // ---- producers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        if (destination != null) {
            TernDestination.nameOf(destination);
        }
        TernMessageProducer producer = new TernMessageProducer(this, destination);
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    void producerClosed(TernMessageProducer producer) {
        producers.remove(producer);
    }

    /**
     * Sends a message record. A persistent send outside a transaction returns once the broker has
     * the message durably; the others may return earlier (see {@link SessionSends}).
     */
    void send(dev.tern.protocol.MessageRecord record) throws JMSException {
        checkOpen();
        sends.send(record);
    }

    /** Sends without waiting; the listener runs once the broker has the message, in send order. */
    void sendAsync(dev.tern.protocol.MessageRecord record, Message message, CompletionListener listener)
            throws JMSException {
        checkOpen();
        sends.sendAsync(record, message, listener);
    }

    /**
     * Refuses an operation that would wait for the thread calling it: a message listener or completion
     * callback of this session closing, committing or rolling back.
     */
    void checkNotInCallback(String operation) throws IllegalStateException {
        checkNotInMessageListener(operation);
        if (sends.isCallbackThread()) {
            throw new IllegalStateException("A CompletionListener must not " + operation + ".");
        }
    }

    /** Refuses an operation that would wait for a message listener of this session calling it. */
    void checkNotInMessageListener(String operation) throws IllegalStateException {
        if (isListenerThread()) {
            throw new IllegalStateException("A MessageListener must not " + operation + "; it would wait for itself.");
        }
    }

    // ---- consumers ----

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        DestinationName name = TernDestination.nameOf(destination);
        boolean skipLocal = noLocal && !name.type().isQueue();
        return openConsumer(destination, new ConsumerSpec(name, emptyToNull(messageSelector), skipLocal, null, false, false));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return openSubscription(topic, sharedSubscriptionName, messageSelector, false, false, true);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return openSubscription(topic, name, messageSelector, noLocal, true, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return openSubscription(topic, name, messageSelector, noLocal, true, false);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return openSubscription(topic, name, messageSelector, false, true, true);
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        domain.require(MessagingDomain.TOPIC, "unsubscribe", "Session");
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("The subscription name to unsubscribe must not be null or empty.");
        }
        connection.call(requestId -> new Command.Unsubscribe(requestId, name), "Unsubscribing " + name);
    }

    private TernMessageConsumer openSubscription(Topic topic, String name, String selector, boolean noLocal,
            boolean durable, boolean shared) throws JMSException {
        domain.require(MessagingDomain.TOPIC, durable ? "createDurableSubscriber" : "createSharedConsumer", "Session");
        checkOpen();
        DestinationName topicName = TernDestination.nameOf(topic);
        if (topicName.type().isQueue()) {
            throw new InvalidDestinationException(topicName + " is a queue; subscriptions are made on topics.");
        }
        if (name == null || name.isEmpty()) {
            throw new JMSException("The subscription name must not be null or empty.");
        }
        return openConsumer(topic, new ConsumerSpec(topicName, emptyToNull(selector), noLocal, name, durable, shared));
    }

    /** The spec with what the destination's options ask for: exclusivity, a replay. */
    private static ConsumerSpec withOptions(Destination destination, ConsumerSpec requested)
            throws InvalidDestinationException {
        if (!(destination instanceof TernDestination tern)) {
            return requested;
        }
        ConsumerSpec spec = tern.options().exclusive() ? requested.withExclusive(true) : requested;
        if (tern.options().replayStart() != null) {
            if (spec.destination().type().isQueue()) {
                throw new InvalidDestinationException("consumer.replayFrom applies to topics; " + spec.destination()
                        + " is a queue.");
            }
            spec = spec.withReplayFrom(tern.options().replayStart());
        }
        return spec;
    }

    private TernMessageConsumer openConsumer(Destination destination, ConsumerSpec requested) throws JMSException {
        ConsumerSpec spec = withOptions(destination, requested);
        int window = destination instanceof TernDestination tern
                ? tern.options().consumerWindow().orElse(connection.options().prefetch())
                : connection.options().prefetch();
        TernMessageConsumer consumer = new TernMessageConsumer(this, connection.nextConsumerId(), destination, spec, window);
        connection.register(consumer);
        consumers.add(consumer);
        try {
            connection.call(requestId -> new Command.CreateConsumer(requestId, id, consumer.id(), spec, window),
                    "Creating a consumer on " + spec.destination());
        } catch (JMSException e) {
            consumers.remove(consumer);
            connection.unregister(consumer);
            throw e;
        }
        return consumer;
    }

    /** Called by a consumer's close: the broker takes back what the application did not consume. */
    void consumerClosed(TernMessageConsumer consumer) throws JMSException {
        consumers.remove(consumer);
        connection.unregister(consumer);
        List<Long> kept = consumedBy(consumer.id());
        connection.call(requestId -> new Command.CloseConsumer(requestId, id, consumer.id(), kept), "Closing a consumer");
    }

    // ---- acknowledgment and transactions ----

    /**
     * Records that the application was handed a delivery; in AUTO mode for {@code receive} the
     * acknowledgment is made before returning.
     */
    void consumed(TernMessageConsumer consumer, long deliveryId, boolean acknowledgeNow) throws JMSException {
        switch (ackMode()) {
            case TRANSACTED, CLIENT -> {
                synchronized (consumed) {
                    consumed.add(new Consumed(consumer.id(), deliveryId));
                }
            }
            case AUTO, DUPS_OK -> {
                if (!acknowledgeNow) {
                    inListener = new Consumed(consumer.id(), deliveryId);
                } else {
                    acknowledgeWithoutWaiting(deliveryId);
                }
            }
        }
    }

    /** Acknowledges a delivery after a listener returned, in AUTO and DUPS_OK modes. */
    void listenerReturned(long deliveryId) {
        inListener = null;
        if (ackMode() == AckMode.AUTO || ackMode() == AckMode.DUPS_OK) {
            acknowledgeWithoutWaiting(deliveryId);
        }
    }

    /**
     * The acknowledgment of AUTO and DUPS_OK modes: sent, not waited for, as Artemis and ActiveMQ do.
     * Commands of a connection keep their order, so a later recover, commit or close of the session
     * comes after it; if the broker fails before it arrives, the message is delivered again, which JMS
     * allows for the last messages consumed in these modes.
     */
    private void acknowledgeWithoutWaiting(long deliveryId) {
        connection.post(requestId -> new Command.Acknowledge(requestId, id, List.of(deliveryId)));
    }

    /** A listener threw: in AUTO and DUPS_OK modes the message is redelivered at once, as JMS asks. */
    void listenerFailed(long deliveryId) throws JMSException {
        inListener = null;
        if (ackMode() == AckMode.AUTO || ackMode() == AckMode.DUPS_OK) {
            recoverDeliveries(List.of(deliveryId));
        }
    }

    /** Acknowledges everything the session has consumed; what {@code Message.acknowledge()} does in CLIENT mode. */
    void acknowledgeConsumed() throws JMSException {
        if (closed) {
            throw new IllegalStateException("Cannot acknowledge: the session is closed.");
        }
        if (ackMode() != AckMode.CLIENT) {
            return;
        }
        acknowledgeDeliveries(takeConsumed());
    }

    private void acknowledgeDeliveries(List<Long> deliveryIds) throws JMSException {
        if (!deliveryIds.isEmpty()) {
            connection.call(requestId -> new Command.Acknowledge(requestId, id, deliveryIds), "Acknowledging");
        }
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return ackMode() == AckMode.TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return sessionMode;
    }

    /**
     * Commits. A commit cut off by a lost connection throws a JMSException saying its outcome is
     * unknown; one made after the loss, a TransactionRolledBackException (see {@link JmsExceptions#ofCommit}).
     */
    @Override
    public void commit() throws JMSException {
        ProviderException loss = lostTransaction;
        if (loss != null && !closing) {
            lostTransaction = null;
            throw JmsExceptions.rolledBackByLoss(loss);
        }
        checkOpen();
        checkTransacted("commit");
        if (sends.isCallbackThread()) {
            throw new IllegalStateException("A CompletionListener must not commit its own session.");
        }
        sends.awaitAll();
        List<Long> deliveries = takeConsumed();
        Throwable sendFailure = sends.takeTransactionFailure();
        if (sendFailure != null) {
            recoverDeliveries(deliveries);
            throw JmsExceptions.withCause(new TransactionRolledBackException("The transaction was rolled back: "
                    + "a send in it failed: " + sendFailure.getMessage()), sendFailure);
        }
        try {
            connection.call(requestId -> new Command.Commit(requestId, id, deliveries), "Committing");
        } catch (TransactionRolledBackException e) {
            recoverDeliveries(deliveries);
            throw e;
        } catch (JMSException e) {
            JMSException failure = JmsExceptions.ofCommit(e);
            if (failure != e) {
                lostTransaction = null; // this commit reported the loss; what follows it is an empty transaction
            }
            throw failure;
        }
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        checkTransacted("rollback");
        if (sends.isCallbackThread()) {
            throw new IllegalStateException("A CompletionListener must not roll back its own session.");
        }
        sends.awaitAll();
        sends.takeTransactionFailure();
        recoverDeliveries(takeConsumed());
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (ackMode() == AckMode.TRANSACTED) {
            throw new IllegalStateException("recover() is for non-transacted sessions; use rollback().");
        }
        recoverDeliveries(takeConsumed());
    }

    private void recoverDeliveries(List<Long> deliveries) throws JMSException {
        connection.call(requestId -> new Command.Recover(requestId, id, deliveries), "Recovering the session");
        consumers.forEach(TernMessageConsumer::pullForListener);
    }

    /**
     * The deliveries the application has been handed and not acknowledged, clearing the list; in AUTO
     * and DUPS_OK modes that is the message a listener is processing, if any.
     */
    List<Long> takeConsumed() {
        synchronized (consumed) {
            List<Long> deliveries = heldDeliveries();
            consumed.clear();
            return deliveries;
        }
    }

    private List<Long> consumedBy(long consumerId) {
        synchronized (consumed) {
            List<Long> deliveries = new ArrayList<>();
            consumed.stream().filter(c -> c.consumerId() == consumerId).forEach(c -> deliveries.add(c.deliveryId()));
            Consumed running = inListener;
            if (running != null && running.consumerId() == consumerId) {
                deliveries.add(running.deliveryId());
            }
            return deliveries;
        }
    }

    /** Waits until the broker has answered this session's sends and their callbacks have run. */
    /** The failure of a send of the current transaction that did not wait, if any; clears it. */
    Throwable takeTransactionFailure() {
        return sends.takeTransactionFailure();
    }

    void awaitAsyncSends() throws JMSException {
        sends.awaitAll();
    }

    private void checkTransacted(String operation) throws IllegalStateException {
        if (ackMode() != AckMode.TRANSACTED) {
            throw new IllegalStateException(operation + "() needs a transacted session.");
        }
    }

    // ---- listener delivery ----

    /** Drops what consumers buffered; called when the broker has taken every delivery back. */
    void discardBuffered() {
        consumers.forEach(TernMessageConsumer::discardBuffered);
    }

    /** Waits until no consumer of this session is in the middle of handing a message to the application. */
    void awaitHandovers() throws JMSException {
        for (TernMessageConsumer consumer : consumers) {
            consumer.awaitHandovers();
        }
    }

    /**
     * The deliveries the application has been handed and not acknowledged, which stay with the session
     * when the connection stops; the list itself is left as it is.
     */
    List<Long> heldDeliveries() {
        synchronized (consumed) {
            List<Long> deliveries = new ArrayList<>(consumed.size() + 1);
            consumed.forEach(c -> deliveries.add(c.deliveryId()));
            Consumed running = inListener;
            if (running != null) {
                deliveries.add(running.deliveryId());
            }
            return deliveries;
        }
    }

    /** Drops what consumers buffered and did not hand out; the broker took it back when the connection stopped. */
    void releaseBuffered() {
        consumers.forEach(TernMessageConsumer::releaseBuffered);
    }

    void deliveryResumed() {
        consumers.forEach(TernMessageConsumer::deliveryResumed);
        scheduleListeners();
    }

    /** Runs listeners with waiting messages on a pool thread, one message at a time. */
    void scheduleListeners() {
        if (closing || closed || !connection.isStarted()) {
            return;
        }
        if (listenerRunScheduled.compareAndSet(false, true)) {
            connection.listenerThreads().execute(this::runListeners);
        }
    }

    private void runListeners() {
        try {
            while (true) {
                TernMessageConsumer next = nextListenerWithMessage();
                if (next == null) {
                    break;
                }
                synchronized (listenerLock) {
                    if (closing || closed || !connection.isStarted()) {
                        break;
                    }
                    listenerThread = Thread.currentThread();
                }
                try {
                    next.deliverToListener();
                } finally {
                    synchronized (listenerLock) {
                        listenerThread = null;
                        listenerLock.notifyAll();
                    }
                }
            }
        } finally {
            listenerRunScheduled.set(false);
        }
        if (nextListenerWithMessage() != null) {
            scheduleListeners();
        }
    }

    private TernMessageConsumer nextListenerWithMessage() {
        List<TernMessageConsumer> snapshot = List.copyOf(consumers);
        for (int i = 0; i < snapshot.size(); i++) {
            TernMessageConsumer candidate = snapshot.get((nextListenerConsumer + i) % snapshot.size());
            if (candidate.hasListenerWork()) {
                nextListenerConsumer = (nextListenerConsumer + i + 1) % snapshot.size();
                return candidate;
            }
        }
        return null;
    }

    /** True on the thread running this session's listener. */
    boolean isListenerThread() {
        return listenerThread == Thread.currentThread();
    }

    /** Waits until no listener of this session is running, unless called from that listener. */
    void awaitListenerIdle() throws JMSException {
        if (isListenerThread()) {
            return;
        }
        synchronized (listenerLock) {
            while (listenerThread != null) {
                try {
                    listenerLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JMSException("Interrupted while waiting for a message listener to return.");
                }
            }
        }
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("Session-level message listeners belong to the application server facilities, "
                + "which Tern does not offer yet; set the listener on a MessageConsumer.");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run() belongs to the application server facilities, "
                + "which Tern does not offer yet.");
    }

    // ---- closing ----

    /**
     * Closes the session: waits for asynchronous sends and a running listener, which may go on using
     * the session until it returns, then returns everything unacknowledged to the broker.
     */
    @Override
    public void close() throws JMSException {
        checkNotInCallback("close its own session");
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        awaitAsyncSends();
        awaitListenerIdle();
        closed = true;
        for (TernMessageConsumer consumer : consumers) {
            consumer.closedWithSession();
        }
        for (TernMessageProducer producer : producers) {
            producer.closedWithSession();
        }
        List<Long> deliveries = takeConsumed();
        consumers.forEach(connection::unregister);
        consumers.clear();
        producers.clear();
        try {
            if (!connection.isLost()) {
                connection.call(requestId -> new Command.CloseSession(requestId, id, deliveries), "Closing the session");
            }
        } finally {
            connection.sessionClosed(this);
        }
    }

    /** The connection was lost for good: the session is closed, and the broker rolled its transaction back. */
    void connectionLost(ProviderException cause) {
        if (ackMode() == AckMode.TRANSACTED) {
            lostTransaction = cause;
        }
        closed = true;
        consumers.forEach(TernMessageConsumer::closedWithSession);
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("The session is closed.");
        }
        connection.checkOpen();
    }

    /** A queue or topic by name, options after a {@code ?} included; a bad name is an invalid destination. */
    private static <T extends TernDestination> T destinationNamed(String name, String kind, Function<String, T> create)
            throws InvalidDestinationException {
        try {
            return create.apply(checkName(name, kind));
        } catch (IllegalArgumentException e) {
            throw new InvalidDestinationException(e.getMessage());
        }
    }

    private static String checkName(String name, String kind) throws InvalidDestinationException {
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("The " + kind + " name must not be null or empty.");
        }
        return name;
    }

    private static String emptyToNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }
}
