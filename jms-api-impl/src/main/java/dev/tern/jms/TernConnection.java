package dev.tern.jms;

import dev.tern.jms.provider.FailoverProvider;
import dev.tern.jms.provider.FailoverSettings;
import dev.tern.jms.provider.Provider;
import dev.tern.jms.provider.ProviderException;
import dev.tern.jms.provider.ProviderListener;
import dev.tern.jms.provider.NettyProvider;
import dev.tern.jms.provider.TcpClientSettings;
import dev.tern.jms.provider.TlsClientSettings;
import dev.tern.jms.provider.VmProvider;
import dev.tern.protocol.BranchId;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConnectionInfo;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.Event;
import dev.tern.protocol.PolicyEntry;
import dev.tern.protocol.QueueAction;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.transaction.xa.XAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a broker. Creates sessions, owns the threads that run message listeners, and routes
 * the broker's deliveries to its consumers.
 *
 * <p>{@link #close()} waits for running listeners to return, releases everything on the broker and
 * stops the connection's listener threads; it leaves no thread behind.
 */
public class TernConnection implements QueueConnection, TopicConnection, TemporaryDestinationOwner, ProviderListener {

    private static final Logger LOG = LoggerFactory.getLogger(TernConnection.class);
    private static final AtomicInteger CONNECTION_NUMBERS = new AtomicInteger();

    private final ClientOptions options;
    private final String idPrefix = "ID:" + UUID.randomUUID() + ":";
    private final AtomicLong messageSequence = new AtomicLong();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong consumerIds = new AtomicLong();
    private final AtomicLong temporaryIds = new AtomicLong();
    private final Map<Long, TernSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, TernMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final int number = CONNECTION_NUMBERS.incrementAndGet();
    private final Provider provider;
    /** Names the broker this connection reaches; XA resources of the same broker are the same resource manager. */
    private final String brokerAddress;
    private volatile String clientId;
    private volatile boolean clientIdFixed;
    private volatile boolean started;
    /** Orders start() and stop() calls made from several threads. */
    private final Object startStop = new Object();
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile boolean lost;
    private volatile ExceptionListener exceptionListener;
    private volatile MessagingDomain domain = MessagingDomain.UNIFIED;
    private ExecutorService listenerThreads;

    TernConnection(BrokerUrl url, ClientOptions options) throws JMSException {
        this.options = options;
        this.brokerAddress = url.isFailover() ? "failover:" + url.failoverMembers()
                : url.isTcp() ? url.scheme() + "://" + url.host() + ":" + url.port() : "vm://" + url.host();
        try {
            this.provider = url.isFailover() ? failover(url, options, this)
                    : url.isTcp() ? new NettyProvider(url.host(), url.port(), tcpSettings(url, options), this)
                    : new VmProvider(url.host(), url.brokerOptions(), this);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        } catch (RuntimeException e) {
            String what = url.isFailover() ? "connect to " + url.failoverMembers()
                    : url.isTcp() ? "connect to " + url.scheme() + "://" + url.host() + ":" + url.port()
                    : "start embedded broker " + url.host();
            throw JmsExceptions.withCause(new JMSException("Could not " + what + ": " + e), e);
        }
    }

    private static FailoverProvider failover(BrokerUrl url, ClientOptions options, ProviderListener listener) {
        List<FailoverProvider.Endpoint> endpoints = url.failoverMembers().stream()
                .map(member -> new FailoverProvider.Endpoint(member.scheme() + "://" + member.host() + ":" + member.port(),
                        link -> new NettyProvider(member.host(), member.port(), tcpSettings(member, options), link)))
                .toList();
        return new FailoverProvider(endpoints, FailoverSettings.from(url.failoverOptions()),
                options.requestTimeoutMillis(), options.autoDuplicateId(), listener);
    }

    private static TcpClientSettings tcpSettings(BrokerUrl url, ClientOptions options) {
        TcpClientSettings settings = TcpClientSettings.withConnectTimeout(options.requestTimeoutMillis());
        return url.isSsl() ? settings.withTls(TlsClientSettings.from(url.clientOptions())) : settings;
    }

    /** Opens a connection: connects, authenticates and claims the configured client ID. */
    static TernConnection open(BrokerUrl url, ClientOptions options, String user, String password) throws JMSException {
        TernConnection connection = new TernConnection(url, options);
        connection.handshake(user, password);
        return connection;
    }

    /** Authenticates and claims the configured client ID; drops the link if that fails. */
    final void handshake(String user, String password) throws JMSException {
        try {
            call(id -> new Command.OpenConnection(id, options.clientId(), user, password), "Opening the connection");
        } catch (JMSException e) {
            provider.abort();
            throw e;
        }
        clientId = options.clientId();
        clientIdFixed = options.clientId() != null;
    }

    ClientOptions options() {
        return options;
    }

    String brokerAddress() {
        return brokerAddress;
    }

    /** Makes this a QueueConnection or TopicConnection, which refuses the other domain's methods. */
    TernConnection restrictTo(MessagingDomain newDomain) {
        this.domain = newDomain;
        return this;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(TernSession.modeOf(transacted, acknowledgeMode));
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        TernSession.checkMode(sessionMode);
        return createTernSession(sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createTernSession(TernSession.modeOf(transacted, acknowledgeMode), MessagingDomain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createTernSession(TernSession.modeOf(transacted, acknowledgeMode), MessagingDomain.TOPIC);
    }

    TernSession createTernSession(int sessionMode) throws JMSException {
        return createTernSession(sessionMode, MessagingDomain.UNIFIED);
    }

    private TernSession createTernSession(int sessionMode, MessagingDomain sessionDomain) throws JMSException {
        return register(new TernSession(this, sessionIds.incrementAndGet(), sessionMode, sessionDomain));
    }

    /** A session of an XA connection or context, in the given domain. */
    TernXASession createXaSession(MessagingDomain sessionDomain) throws JMSException {
        return register(new TernXASession(this, sessionIds.incrementAndGet(), sessionDomain));
    }

    private <S extends TernSession> S register(S session) throws JMSException {
        checkOpen();
        fixClientId();
        sessions.put(session.id(), session);
        try {
            call(id -> new Command.CreateSession(id, session.id(), session.ackMode()), "Creating a session");
        } catch (JMSException e) {
            sessions.remove(session.id());
            throw e;
        }
        return session;
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String newClientId) throws JMSException {
        checkOpen();
        if (clientIdFixed) {
            throw new IllegalStateException("The client ID can only be set once, right after the connection is "
                    + "created; it is " + (clientId == null ? "too late now" : "already '" + clientId + "'") + ".");
        }
        if (newClientId == null || newClientId.isEmpty()) {
            throw new jakarta.jms.InvalidClientIDException("The client ID must not be null or empty.");
        }
        call(id -> new Command.SetClientId(id, newClientId), "Setting the client ID");
        clientId = newClientId;
        clientIdFixed = true;
    }

    /** True once the link to the broker failed or the broker closed the connection. A Tern extension. */
    public boolean isLost() {
        return lost;
    }

    /**
     * The broker this connection talks to now: the URL's, or with {@code failover:} the member it reached, which,
     * for brokers sharing a store, is the live one. A Tern extension to the JMS API.
     */
    public String connectedBroker() {
        String current = provider.currentBroker();
        return current != null ? current : brokerAddress;
    }

    /**
     * The broker's counters for every queue and topic subscription, ordered by name: for monitoring
     * tools such as {@code tern stat}. A Tern extension to the JMS API.
     */
    public List<QueueStatistics> queueStatistics() throws JMSException {
        checkOpen();
        return ((Event.Statistics) call(Command.QueryStatistics::new, "Reading queue statistics")).queues();
    }

    /**
     * Moves the messages waiting on a dead-letter (or expiry) queue that a selector picks back to the
     * queues they came from, for tools such as {@code tern dlq retry}. A Tern extension to the JMS API.
     *
     * @param selector a JMS selector over the dead letters, such as {@code _TERN_ORIG_QUEUE = 'orders'}; null for all
     * @return how many messages moved
     */
    public int retryDeadLetters(String queue, String selector) throws JMSException {
        checkOpen();
        return ((Event.Counted) call(id -> new Command.RetryDeadLetters(id, queue, selector),
                "Retrying the dead letters of " + queue)).count();
    }

    /**
     * The broker's client connections open now, by ID, for tools such as {@code tern connection list}. A Tern
     * extension to the JMS API.
     */
    public List<ConnectionInfo> connections() throws JMSException {
        checkOpen();
        return ((Event.Connections) call(Command.ListConnections::new, "Listing the connections")).connections();
    }

    /**
     * Pauses a queue: it keeps taking messages and delivers none until {@link #resumeQueue}, also across a
     * restart of the broker; for tools such as {@code tern queue pause}. A Tern extension to the JMS API.
     */
    public void pauseQueue(String queue) throws JMSException {
        manageQueue(queue, QueueAction.PAUSE, null, null, "Pausing queue " + queue);
    }

    /** Resumes delivery from a paused queue, for {@code tern queue resume}. A Tern extension to the JMS API. */
    public void resumeQueue(String queue) throws JMSException {
        manageQueue(queue, QueueAction.RESUME, null, null, "Resuming queue " + queue);
    }

    /**
     * Removes the messages waiting on a queue that a selector picks; messages delivered and not yet
     * acknowledged stay. For {@code tern queue purge} and {@code tern queue remove}. A Tern extension to the
     * JMS API.
     *
     * @param selector a JMS selector such as {@code JMSMessageID = 'ID:...'}, or null for every waiting message
     * @return how many messages were removed
     */
    public int removeMessages(String queue, String selector) throws JMSException {
        return manageQueue(queue, QueueAction.REMOVE, selector, null, "Removing messages from queue " + queue);
    }

    /**
     * Moves the messages waiting on a queue that a selector picks to another queue, created if need be; for
     * {@code tern queue move}. A Tern extension to the JMS API.
     *
     * @param selector a JMS selector, or null for every waiting message
     * @return how many messages moved
     */
    public int moveMessages(String queue, String selector, String targetQueue) throws JMSException {
        return manageQueue(queue, QueueAction.MOVE, selector, targetQueue,
                "Moving messages from queue " + queue + " to " + targetQueue);
    }

    /**
     * Has the broker write a consistent copy of its journal into a new zip file, at a path of the broker's
     * machine, while it goes on serving; returns once the file is written, waiting as long as that takes up
     * to {@code timeout}. Needs {@code admin} on every destination. For {@code tern backup}. A Tern extension
     * to the JMS API.
     */
    public void backup(String path, Duration timeout) throws JMSException {
        checkOpen();
        JmsExceptions.await(provider.request(id -> new Command.Backup(id, path)), timeout.toMillis(),
                "Backing the broker up to " + path);
    }

    private int manageQueue(String queue, QueueAction action, String selector, String target, String what)
            throws JMSException {
        checkOpen();
        return ((Event.Counted) call(id -> new Command.ManageQueue(id, queue, action, selector, target), what)).count();
    }

    /**
     * The broker's XA branches in doubt: prepared and waiting for their transaction managers, or decided by an
     * operator and not yet forgotten; each as {@code formatId:gtrid:bqual} in hexadecimal, for {@code tern xa
     * list}. A Tern extension to the JMS API.
     */
    public List<String> xaBranches() throws JMSException {
        checkOpen();
        Event answer = call(id -> new Command.XaRecover(id), "Listing the XA branches");
        return ((Event.XaBranches) answer).branches().stream().map(BranchId::toString).toList();
    }

    /**
     * Commits or rolls back a prepared XA branch whose transaction manager does not come back, for
     * {@code tern xa commit|rollback}: a heuristic decision, which the manager learns if it returns. A Tern
     * extension to the JMS API.
     *
     * @param branch as {@link #xaBranches} lists it
     * @throws JMSException naming the XA error if the broker refused, for example because no such branch is prepared
     */
    public void decideXaBranch(String branch, boolean commit) throws JMSException {
        checkOpen();
        BranchId id;
        try {
            id = BranchId.parse(branch);
        } catch (IllegalArgumentException e) {
            throw new JMSException(e.getMessage());
        }
        Event answer = call(requestId -> new Command.XaDecide(requestId, id, commit),
                (commit ? "Committing" : "Rolling back") + " XA branch " + branch);
        if (answer instanceof Event.XaAnswer xa && xa.code() != XAResource.XA_OK) {
            throw new JMSException(xa.message(), "XA error " + xa.code());
        }
    }

    /**
     * Changes one destination policy setting of the broker until it stops, for tools such as
     * {@code tern policy set}. A Tern extension to the JMS API.
     *
     * @param pattern an address pattern such as {@code orders.>}
     */
    public void setPolicy(String pattern, String setting, String value) throws JMSException {
        checkOpen();
        call(id -> new Command.SetPolicy(id, pattern, setting, value), "Setting policy " + pattern + "." + setting);
    }

    /**
     * The broker's destination policies: configured settings, most general pattern first, then every
     * setting's default. A Tern extension to the JMS API.
     */
    public List<PolicyEntry> policies() throws JMSException {
        checkOpen();
        return ((Event.Policies) call(Command.ListPolicies::new, "Reading the destination policies")).entries();
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return TernConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        fixClientId();
        this.exceptionListener = listener;
    }

    /**
     * Starts (or restarts) delivery: the broker gives this connection's consumers messages from now on.
     * Until then they are given none, and the messages wait on their queues for other consumers.
     */
    @Override
    public void start() throws JMSException {
        checkOpen();
        fixClientId();
        synchronized (startStop) {
            if (started) {
                return;
            }
            call(Command.StartDelivery::new, "Starting the connection");
            started = true;
        }
        sessions.values().forEach(TernSession::deliveryResumed);
    }

    /**
     * Pauses delivery. Waits for listeners that are running and for messages being handed to a
     * {@code receive}; then the broker stops delivering, and every message the consumers buffered but
     * did not hand to the application goes back to its queue, for other consumers or for this
     * connection once restarted. Messages the application received and has not acknowledged stay with
     * their sessions. A receive waiting meanwhile returns no message until {@link #start()}.
     */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        fixClientId();
        checkNotInMessageListener("stop");
        synchronized (startStop) {
            if (!started) {
                return;
            }
            started = false;
        }
        // Without the lock: a running listener may call start(), which then wins.
        for (TernSession session : sessions.values()) {
            session.awaitListenerIdle();
            session.awaitHandovers();
        }
        synchronized (startStop) {
            if (started) {
                return;
            }
            List<Long> held = new ArrayList<>();
            sessions.values().forEach(session -> held.addAll(session.heldDeliveries()));
            call(requestId -> new Command.StopDelivery(requestId, held), "Stopping the connection");
            sessions.values().forEach(TernSession::releaseBuffered);
        }
    }

    /**
     * Closes the connection. Running listeners may go on using the connection and their sessions until
     * they return; close waits for them, then releases everything, also after the broker went away.
     */
    @Override
    public void close() throws JMSException {
        checkNotInListener("close");
        synchronized (this) {
            if (closing) {
                return;
            }
            started = false;
            closing = true;
        }
        JMSException failure = null;
        for (TernSession session : List.copyOf(sessions.values())) {
            try {
                session.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        try {
            if (!lost) {
                JmsExceptions.await(provider.request(Command.CloseConnection::new), options.requestTimeoutMillis(),
                        "Closing the connection");
            }
        } catch (JMSException e) {
            LOG.debug("Connection close was not acknowledged: {}", e.getMessage());
        } finally {
            closed = true;
            provider.abort();
            stopListenerThreads();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw unsupportedAppServerFacility();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        domain.require(MessagingDomain.TOPIC, "createSharedConnectionConsumer", "Connection");
        throw unsupportedAppServerFacility();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        domain.require(MessagingDomain.TOPIC, "createDurableConnectionConsumer", "Connection");
        throw unsupportedAppServerFacility();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        domain.require(MessagingDomain.TOPIC, "createSharedDurableConnectionConsumer", "Connection");
        throw unsupportedAppServerFacility();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector, ServerSessionPool sessionPool,
            int maxMessages) throws JMSException {
        throw unsupportedAppServerFacility();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector, ServerSessionPool sessionPool,
            int maxMessages) throws JMSException {
        throw unsupportedAppServerFacility();
    }

    // ---- provider events ----

    @Override
    public void onDelivery(Event.Deliver delivery) {
        TernMessageConsumer consumer = consumers.get(delivery.consumerId());
        if (consumer != null) {
            consumer.onDelivery(delivery);
        }
    }

    @Override
    public void onDeliveryRevoked(long consumerId, long deliveryId) {
        TernMessageConsumer consumer = consumers.get(consumerId);
        if (consumer != null) {
            consumer.deliveryRevoked(deliveryId);
        }
    }

    @Override
    public void onSessionRecovered(long sessionId) {
        TernSession session = sessions.get(sessionId);
        if (session != null) {
            session.discardBuffered();
        }
    }

    /** Marks the connection closed and tells the ExceptionListener, on a thread of its own. */
    @Override
    public void onConnectionLost(ProviderException cause) {
        ExceptionListener listener = exceptionListener;
        boolean wasOpen = !closed && !closing;
        lost = true;
        closed = true;
        started = false;
        sessions.values().forEach(session -> session.connectionLost(cause));
        releaseListenerThreads();
        if (wasOpen) {
            notifyExceptionListener(listener, JmsExceptions.from(cause));
        }
    }

    /**
     * Reports a failure that no call can throw any more, such as that of a send that did not wait: it
     * is logged and passed to the ExceptionListener, if there is one.
     */
    void reportAsynchronousFailure(String what, JMSException failure) {
        LOG.warn("{}: {}", what, failure.getMessage());
        notifyExceptionListener(exceptionListener, failure);
    }

    /** Calls the listener on a thread of its own, so that it may use the connection. */
    private void notifyExceptionListener(ExceptionListener listener, JMSException failure) {
        if (listener != null) {
            Thread notifier = new Thread(() -> listener.onException(failure), "tern-exception-listener-" + number);
            notifier.setDaemon(true);
            notifier.start();
        }
    }

    // ---- for sessions, producers and consumers ----

    /** Sends a command and waits for the broker's answer. */
    Event call(LongFunction<Command> command, String what) throws JMSException {
        return JmsExceptions.await(provider.request(command), options.requestTimeoutMillis(), what);
    }

    /** Sends a command; the future completes with the broker's answer. */
    java.util.concurrent.CompletableFuture<Event> request(LongFunction<Command> command) {
        return provider.request(command);
    }

    /** Sends a command without waiting for an answer. */
    void post(LongFunction<Command> command) {
        provider.post(command);
    }

    long nextConsumerId() {
        return consumerIds.incrementAndGet();
    }

    void register(TernMessageConsumer consumer) {
        consumers.put(consumer.id(), consumer);
    }

    void unregister(TernMessageConsumer consumer) {
        consumers.remove(consumer.id());
    }

    void sessionClosed(TernSession session) {
        sessions.remove(session.id());
    }

    /** Milliseconds since the epoch on the clock message times are stamped with. */
    long now() {
        return provider.clock().millis();
    }

    String nextMessageId() {
        return idPrefix + messageSequence.incrementAndGet();
    }

    boolean isStarted() {
        return started;
    }


    /** True from the start of close() on: no new listener deliveries. */
    boolean isClosing() {
        return closing || closed;
    }

    /** The shared pool whose threads run message listeners, one session at a time each. */
    synchronized ExecutorService listenerThreads() {
        if (listenerThreads == null) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory threads = task -> {
                Thread thread = new Thread(task, "tern-listener-" + number + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            // A task handed over after the pool was released (a late completion callback) runs on a thread of its own.
            listenerThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    threads, (task, pool) -> threads.newThread(task).start());
        }
        return listenerThreads;
    }

    /** Lets the listener pool's idle threads end now rather than after their minute of idleness. */
    private void releaseListenerThreads() {
        ExecutorService threads;
        synchronized (this) {
            threads = listenerThreads;
        }
        if (threads != null) {
            threads.shutdown();
        }
    }

    TernDestination createTemporary(DestinationType type) throws JMSException {
        checkOpen();
        fixClientId();
        String name = idPrefix.substring(3) + "temp-" + temporaryIds.incrementAndGet();
        TernDestination destination = type == DestinationType.TEMPORARY_QUEUE
                ? new TernTemporaryQueue(name, this)
                : new TernTemporaryTopic(name, this);
        call(id -> new Command.CreateTemporaryDestination(id, destination.destinationName()), "Creating a temporary destination");
        return destination;
    }

    @Override
    public void deleteTemporaryDestination(TernDestination destination) throws JMSException {
        checkOpen();
        DestinationName name = destination.destinationName();
        call(id -> new Command.DeleteTemporaryDestination(id, name), "Deleting " + name);
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("The connection is closed.");
        }
    }

    /**
     * JMS forbids a message listener or completion callback to close its own connection, as it would
     * wait for itself.
     */
    void checkNotInListener(String operation) throws IllegalStateException {
        for (TernSession session : sessions.values()) {
            session.checkNotInCallback(operation + " its own connection");
        }
    }

    /**
     * JMS forbids a message listener to stop its own connection, as stop waits for running listeners;
     * a CompletionListener may (JMS 2.0, section 7.3.8 lists only close, commit and rollback).
     */
    private void checkNotInMessageListener(String operation) throws IllegalStateException {
        for (TernSession session : sessions.values()) {
            session.checkNotInMessageListener(operation + " its own connection");
        }
    }

    private void fixClientId() {
        clientIdFixed = true;
    }

    private void stopListenerThreads() {
        ExecutorService threads;
        synchronized (this) {
            threads = listenerThreads;
        }
        if (threads == null) {
            return;
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Listener threads of a closed connection did not stop within 10 s");
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static JMSException unsupportedAppServerFacility() {
        return new JMSException("Connection consumers belong to the application server facilities, "
                + "which Tern does not offer yet; use a MessageConsumer with a MessageListener.");
    }
}
