package dev.tern.broker;

import dev.tern.broker.concurrent.OrderedExecutor;
import dev.tern.broker.core.BrokerTimer;
import dev.tern.broker.core.DuplicateIdCache;
import dev.tern.broker.core.DeadLetterRetry;
import dev.tern.broker.core.DeadLetterRouter;
import dev.tern.broker.core.Journal;
import dev.tern.broker.core.Journal.RoutedMessage;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.core.PostOffice;
import dev.tern.broker.core.QueueAdmin;
import dev.tern.broker.http.ConsoleApi;
import dev.tern.broker.http.HttpEndpoint;
import dev.tern.broker.http.HttpLogin;
import dev.tern.broker.http.ManagementRoutes;
import dev.tern.broker.http.QueueHistory;
import dev.tern.broker.jmx.JmxRegistration;
import dev.tern.broker.metrics.BrokerMeters;
import dev.tern.broker.metrics.PrometheusExposition;
import dev.tern.broker.core.QueueServices;
import dev.tern.broker.core.Redelivery;
import dev.tern.broker.core.Retention;
import dev.tern.broker.core.RetentionLog;
import dev.tern.broker.core.ServerMessage;
import dev.tern.broker.core.Subscriptions;
import dev.tern.broker.net.ProtocolAcceptor;
import dev.tern.broker.net.ProtocolHeads;
import dev.tern.broker.net.TcpAcceptor;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.security.AuditLog;
import dev.tern.broker.security.BrokerSecurity;
import dev.tern.broker.security.ClientOrigin;
import dev.tern.broker.security.LoginGuard;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.broker.session.BrokerServices;
import dev.tern.broker.session.ClientIds;
import dev.tern.broker.session.ServerConnection;
import dev.tern.broker.store.H2MessageStore;
import dev.tern.broker.store.PostgresMessageStore;
import dev.tern.broker.store.InMemoryMessageStore;
import dev.tern.broker.store.MessageStore;
import dev.tern.broker.store.PreparedBranch;
import dev.tern.broker.store.QueueRecord;
import dev.tern.broker.store.StoreException;
import dev.tern.broker.store.StoredIndex;
import dev.tern.broker.xa.XaTransactions;
import dev.tern.protocol.ConnectionInfo;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.InVmConnector;
import dev.tern.protocol.MessageRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running broker: its journal, its queues and its client connections.
 *
 * <p>{@link #start} opens the journal and restores every durable queue and persistent message;
 * {@link #close} disconnects the clients, stops the dispatch threads and closes the journal, which
 * releases its file lock. A closed broker leaves no thread behind.
 */
public final class Broker implements AutoCloseable, BrokerServices {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /** Who the audit log says acted when the embedding application called the broker's Java API. */
    private static final String BROKER_API = "(broker API)";

    /** How often, in real time, queues drop messages whose time-to-live has run out. */
    static final long EXPIRY_SWEEP_MILLIS = 1_000;
    /** The transaction timeout of an XA branch whose transaction manager sets none, as Artemis's default. */
    static final int XA_DEFAULT_TIMEOUT_SECONDS = 300;

    private final BrokerConfig config;
    private final MessageStore store;
    private final ExecutorService dispatchExecutor;
    /** Runs the connections' lanes ({@link OrderedExecutor}s): their commands, and events to in-JVM clients. */
    private final ExecutorService workers;
    private final Set<Thread> workerThreads = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timerThread;
    /** Check credentials: slow on purpose (password hashes) or waiting on the network (JAAS, LDAP). */
    private final ExecutorService loginThreads;
    private final Runnable clockListener;
    private final Journal journal;
    private final DuplicateIdCache duplicateIds;
    private final BrokerTimer timer;
    private final PostOffice postOffice;
    private final Subscriptions subscriptions;
    private final DeadLetterRouter deadLetters;
    private final Redelivery redelivery;
    private final XaTransactions xaTransactions;
    private final DeadLetterRetry deadLetterRetry;
    private final QueueAdmin queueAdmin;
    private final BrokerMeters meters;
    private final AtomicBoolean backingUp = new AtomicBoolean();
    private final PrometheusExposition prometheus;
    private volatile HttpEndpoint http;
    private volatile JmxRegistration jmx;
    private final ClientIds clientIds = new ClientIds();
    private final AuditLog audit;
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile AddressPolicies policies;
    private volatile BrokerSecurity security;
    private final LoginGuard loginGuard;
    private volatile TcpAcceptor acceptor;
    private volatile Map<String, ProtocolAcceptor> protocolAcceptors = Map.of();
    private volatile boolean closed;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private Broker(BrokerConfig config, MessageStore store, BrokerSecurity security) {
        this.config = config;
        this.store = store;
        this.security = security;
        this.audit = new AuditLog(config.clock());
        this.loginGuard = new LoginGuard(() -> this.security.limits(), config.clock()::millis, audit);
        this.dispatchExecutor = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("tern-" + config.name() + "-dispatch-"));
        java.util.concurrent.ThreadFactory workerThreadFactory = daemonThreads("tern-" + config.name() + "-worker-");
        this.workers = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
                    Thread thread = workerThreadFactory.newThread(task);
                    workerThreads.add(thread);
                    return thread;
                });
        this.timerThread = Executors.newSingleThreadScheduledExecutor(daemonThreads("tern-" + config.name() + "-timer-"));
        this.loginThreads = Executors.newFixedThreadPool(2, daemonThreads("tern-" + config.name() + "-login-"));
        this.policies = config.policies();
        this.duplicateIds = new DuplicateIdCache(config.clock()::millis, () -> policies);
        this.journal = new Journal(store, duplicateIds, config.clock()::millis);
        this.timer = new BrokerTimer(config.clock(), timerThread);
        this.postOffice = new PostOffice(journal,
                new QueueServices(this::dispatch, timer, this::expired, journal::discard, () -> policies, journal));
        this.subscriptions = new Subscriptions(postOffice);
        this.deadLetters = new DeadLetterRouter(postOffice, journal, this::nextMessageId);
        this.redelivery = new Redelivery(timer, journal, deadLetters);
        this.xaTransactions = new XaTransactions(journal, redelivery, timer, XA_DEFAULT_TIMEOUT_SECONDS);
        this.deadLetterRetry = new DeadLetterRetry(postOffice, journal, this::nextMessageId);
        this.queueAdmin = new QueueAdmin(postOffice, journal, this::nextMessageId);
        timer.every(EXPIRY_SWEEP_MILLIS, this::expireMessages);
        this.clockListener = () -> {
            timer.clockMoved();
            timerThread.execute(this::expireMessages);
        };
        if (config.clock() instanceof MutableClock mutable) {
            mutable.onAdvance(clockListener);
        }
        this.prometheus = config.management().http() == null ? null : PrometheusExposition.create();
        MeterRegistry registry = MetersBinding.registry(config.management().meterRegistry(), prometheus);
        this.meters = registry == null ? null : MetersBinding.bind(this, store, registry);
    }

    /**
     * Runs a queue's dispatch on the dispatch threads. While the broker stops, the journal may still
     * complete sends after those threads have gone: the message is stored, and there is nobody left to
     * deliver it to, so the dispatch is dropped rather than failing the send.
     */
    private void dispatch(Runnable task) {
        try {
            dispatchExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                throw e;
            }
            LOG.debug("Broker {} is stopping; a dispatch was dropped", config.name());
        }
    }

    private void expired(List<MessageRef> refs) {
        deadLetters.expired(refs);
    }

    private void expireMessages() {
        postOffice.queues().forEach(MessageQueue::expire);
        postOffice.retention().sweep();
    }

    /** Starts a broker, restoring what its journal holds. */
    public static Broker start(BrokerConfig config) {
        if (config.postgres() != null) {
            // Blocks until this broker holds the database's lease: at once if no other is live, else as a backup.
            PostgresMessageStore store = PostgresMessageStore.open(config.postgres(), config.name());
            Broker broker = start(config, store);
            store.whenLeaseLost(broker::close);
            return broker;
        }
        // First, so that the H2 store opens its database on its own thread while the rest is built.
        MessageStore store = config.persistent()
                ? new H2MessageStore(config.dataDir(), config.name())
                : new InMemoryMessageStore();
        return start(config, store);
    }

    /**
     * Starts a broker on a store of the caller's choosing rather than the one the configuration names
     * ({@code persistent} and {@code dataDir} are then not used), restoring what it holds. The broker closes
     * the store when it stops, or at once if it cannot start.
     */
    public static Broker start(BrokerConfig config, MessageStore store) {
        Broker broker;
        try {
            checkCertificatesCanArrive(config);
            if (config.management().http() != null) {
                PrometheusExposition.requireHttpDependencies();
            }
            broker = new Broker(config, store, config.security().load());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            broker.restore(store.loadIndex());
            if (config.tcp() != null) {
                broker.acceptor = TcpAcceptor.start(broker::connect, config.tcp(), "tern-" + config.name());
            }
            broker.protocolAcceptors = ProtocolHeads.start(broker::connect, config.protocols(), "tern-" + config.name());
            if (config.management().jmx() != null) {
                broker.jmx = JmxRegistration.register(broker, config.management().jmx());
            }
            if (config.management().http() != null) {
                broker.http = HttpEndpoint.start(config.management().http(), "tern-" + config.name(),
                        broker.managementRoutes());
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Broker {} started ({})", config.name(), store);
        if (config.security().guestUser() != null) {
            LOG.info("Broker {}: connections that give no user name act as guest user '{}'", config.name(),
                    config.security().guestUser());
        }
        return broker;
    }

    public BrokerConfig config() {
        return config;
    }

    /**
     * Refuses certificate users on a broker that asks no client for a certificate: the login would never
     * happen, silently.
     */
    private static void checkCertificatesCanArrive(BrokerConfig config) {
        if (config.security().certificateUsersFile() == null) {
            return;
        }
        boolean asks = Stream.concat(Stream.ofNullable(config.tcp()), config.protocols().values().stream())
                .anyMatch(tcp -> tcp.tls() != null && tcp.tls().clientAuthRequired());
        if (!asks) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Certificate users are set, but the broker asks no "
                    + "client for a certificate; serve ssl:// with a trust store (trustStore) as well.");
        }
    }

    /**
     * Opens a connection for a client in this JVM ({@code vm://}). Its events reach the client in order on
     * a lane of the broker's worker threads, never on a thread that holds a lock of the broker, so the
     * client may call the broker from inside them.
     *
     * @param client receives the broker's events for the connection
     * @param onClosed runs once when the connection has closed, by either side
     */
    public ServerConnection connectInVm(InVmConnector.EventListener client, Runnable onClosed) {
        OrderedExecutor events = OrderedExecutor.runningInlineWhenStopped(workers, "events of an in-JVM connection");
        return connect(event -> events.execute(() -> client.onEvent(event)), onClosed);
    }

    /**
     * Opens a connection whose events go to a listener that only queues them, such as a socket's
     * writer; {@link #connectInVm} wraps a listener that runs client code.
     *
     * @param client receives the broker's events for the connection; called with broker locks held, so it
     *     must not block or call back into the broker
     * @param onClosed runs once when the connection has closed, by either side
     */
    public ServerConnection connect(InVmConnector.EventListener client, Runnable onClosed) {
        return connect(client, ClientOrigin.IN_JVM, onClosed);
    }

    /**
     * Opens a connection for a client at an address (a socket's remote address), which the audit log names,
     * perhaps with a certificate it proved it holds over TLS.
     *
     * @see #connect(InVmConnector.EventListener, Runnable)
     */
    public ServerConnection connect(InVmConnector.EventListener client, ClientOrigin origin, Runnable onClosed) {
        if (closed) {
            throw new IllegalStateException("Broker " + config.name() + " is stopped.");
        }
        ServerConnection[] holder = new ServerConnection[1];
        ServerConnection connection = new ServerConnection(connectionIds.incrementAndGet(), this, client, origin, () -> {
            connections.remove(holder[0]);
            onClosed.run();
        });
        holder[0] = connection;
        connections.add(connection);
        return connection;
    }

    /**
     * The port this broker listens on for {@code tcp://}, the one picked when configured with port 0.
     *
     * @throws IllegalStateException if the broker was not configured to listen on TCP
     */
    public int tcpPort() {
        return tcpAcceptor().port();
    }

    /** The TCP acceptor, for its port and open socket count. */
    public TcpAcceptor tcpAcceptor() {
        TcpAcceptor current = acceptor;
        if (current == null) {
            throw new IllegalStateException("Broker " + config.name() + " does not listen on TCP; configure it with "
                    + "BrokerConfig.withTcpPort or broker.tcpPort.");
        }
        return current;
    }

    /**
     * The acceptor of another protocol the broker serves ({@code amqp}, {@code stomp}), for its port.
     *
     * @throws IllegalStateException if the broker was not configured to serve that protocol
     */
    public ProtocolAcceptor protocolAcceptor(String protocol) {
        ProtocolAcceptor current = protocolAcceptors.get(protocol);
        if (current == null) {
            throw new IllegalStateException("Broker " + config.name() + " does not serve " + protocol
                    + "; configure it with BrokerConfig.withProtocol or broker." + protocol + "Port.");
        }
        return current;
    }

    /** Messages waiting on a queue, not counting those delivered and unacknowledged; empty if no such queue. */
    public OptionalInt messageCount(String queueName) {
        MessageQueue queue = postOffice.queue(queueName);
        return queue == null ? OptionalInt.empty() : OptionalInt.of(queue.messageCount());
    }

    /**
     * Messages on a queue not yet acknowledged: those waiting, delayed ones included, and those delivered
     * to consumers and not yet acknowledged; empty if no such queue. Zero means every message sent to
     * the queue has been consumed for good (or expired, or purged).
     */
    public OptionalInt unacknowledgedCount(String queueName) {
        MessageQueue queue = postOffice.queue(queueName);
        return queue == null ? OptionalInt.empty() : OptionalInt.of(queue.unacknowledgedCount());
    }

    /**
     * Removes every message waiting on a queue, delayed ones included, journal entries too; messages
     * already delivered to a consumer and not yet acknowledged are left to it. The queue itself, and its
     * consumers, stay. For administration and test harnesses.
     *
     * @return how many messages were removed; 0 if there is no such queue
     */
    public int purgeQueue(String queueName) {
        if (postOffice.queue(queueName) == null) {
            return 0;
        }
        return removeMessages(queueName, null);
    }

    /**
     * Removes the messages waiting on a queue that a selector picks, journal entries too; messages already
     * delivered to a consumer and not yet acknowledged are left to it. Without a selector, every waiting
     * message goes, delayed and paged ones included; with one, those in memory (see {@link MessageQueue#takeWaiting}).
     *
     * @param selector a JMS selector such as {@code JMSMessageID = 'ID:...'}, or null for all
     * @return how many messages were removed
     * @throws BrokerException INVALID_DESTINATION if there is no such queue, INVALID_SELECTOR for a bad selector
     */
    public int removeMessages(String queueName, String selector) {
        int removed = queueAdmin.remove(queueName, selector).join();
        audit.adminAction(0, BROKER_API, AuditLog.IN_JVM, "remove from queue " + queueName
                + (selector == null ? "" : " where " + selector) + ": " + removed + " messages");
        return removed;
    }

    /**
     * Moves the messages waiting on a queue that a selector picks to another queue, created if need be;
     * waits until the moves are durable. Messages delivered and not yet acknowledged stay.
     *
     * @param selector a JMS selector, or null for all
     * @return how many messages moved
     * @throws BrokerException INVALID_DESTINATION if the queue is missing or the target is the same queue,
     *     INVALID_SELECTOR for a bad selector
     */
    public int moveMessages(String queueName, String selector, String targetQueue) {
        int moved = queueAdmin.move(queueName, selector, targetQueue).join();
        audit.adminAction(0, BROKER_API, AuditLog.IN_JVM, "move from queue " + queueName + " to " + targetQueue
                + (selector == null ? "" : " where " + selector) + ": " + moved + " messages");
        return moved;
    }

    /**
     * Pauses a queue: it keeps taking messages and delivers none until {@link #resumeQueue}; the state
     * survives a restart. Messages already delivered stay with their consumers.
     *
     * @throws BrokerException INVALID_DESTINATION if there is no such queue
     */
    public void pauseQueue(String queueName) {
        queueAdmin.setPaused(queueName, true).join();
        audit.adminAction(0, BROKER_API, AuditLog.IN_JVM, "pause queue " + queueName);
    }

    /**
     * Resumes delivery from a paused queue.
     *
     * @throws BrokerException INVALID_DESTINATION if there is no such queue
     */
    public void resumeQueue(String queueName) {
        queueAdmin.setPaused(queueName, false).join();
        audit.adminAction(0, BROKER_API, AuditLog.IN_JVM, "resume queue " + queueName);
    }

    /**
     * Deletes a queue with every message waiting on it, journal entries included; a later send to
     * the name creates an empty queue again. For administration and test harnesses.
     *
     * @return false if there is no such queue
     * @throws BrokerException ILLEGAL_STATE, deleting nothing, if the queue has consumers
     */
    public boolean deleteQueue(String name) {
        synchronized (subscriptions) {
            MessageQueue queue = postOffice.queue(name);
            if (queue == null || queue.definition().topicSubscription()) {
                return false;
            }
            if (queue.consumerCount() > 0) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Queue " + name + " has "
                        + queue.consumerCount() + " consumer(s); close them before deleting it.");
            }
            postOffice.deleteQueue(queue);
            audit.deleted(0, BROKER_API, AuditLog.IN_JVM, "queue " + name);
            return true;
        }
    }

    /**
     * Deletes every subscription of a topic, durable ones included, with the messages they hold. For
     * administration and test harnesses.
     *
     * @return how many subscriptions were deleted
     * @throws BrokerException ILLEGAL_STATE, deleting nothing, if a subscription has a consumer
     */
    public int deleteTopic(String name) {
        int deleted = subscriptions.deleteAll(name);
        postOffice.retention().delete(name);
        return deleted;
    }

    /**
     * Messages a topic retains for replay now; empty if it has no retention log (its {@code retentionMillis}
     * policy was never on since start-up, and nothing was restored).
     */
    public OptionalInt retainedCount(String topic) {
        RetentionLog log = postOffice.retention().existing(topic);
        return log == null ? OptionalInt.empty() : OptionalInt.of(log.count());
    }

    /**
     * Moves the messages waiting on a dead-letter (or expiry) queue that a selector picks back to the
     * queues they came from, without the broker's {@code _TERN_} properties; waits until the moves are
     * durable. Messages whose origin is gone (a deleted subscription or temporary queue) stay.
     *
     * @param selector a JMS selector over the dead letters, such as {@code _TERN_ORIG_QUEUE = 'orders'}; null for all
     * @return how many messages moved
     * @throws BrokerException INVALID_DESTINATION if there is no such queue, INVALID_SELECTOR for a bad selector
     */
    public int retryDeadLetters(String queue, String selector) {
        return deadLetterRetry.retry(queue, selector).join();
    }

    @Override
    public DeadLetterRetry deadLetterRetry() {
        return deadLetterRetry;
    }

    @Override
    public QueueAdmin queueAdmin() {
        return queueAdmin;
    }

    /** The destination policies in force now. */
    @Override
    public AddressPolicies policies() {
        return policies;
    }

    /**
     * Changes one setting of the destination policies while the broker runs; it applies to existing
     * destinations at once. The change lasts until the broker stops.
     *
     * @param pattern an {@linkplain dev.tern.broker.policy.AddressPattern address pattern}, such as {@code orders.>}
     * @throws BrokerException INVALID_ARGUMENT for a bad pattern, an unknown setting or a bad value
     */
    @Override
    public void setPolicy(String pattern, String setting, String value) {
        synchronized (this) {
            try {
                policies = policies.with(pattern, setting, value);
            } catch (IllegalArgumentException e) {
                throw new BrokerException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
            }
        }
        LOG.info("Broker {}: policy {}.{} set to {}", config.name(), pattern, setting, value);
        postOffice.queues().forEach(MessageQueue::policyChanged);
    }

    /** Units journaled and syncs made since start; zeros for an in-memory broker. */
    public JournalStatistics journalStatistics() {
        return new JournalStatistics(store.unitCount(), store.commitCount());
    }

    public boolean isClosed() {
        return closed;
    }

    /** Number of client connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * The port the HTTP endpoint listens on, once started.
     *
     * @throws IllegalStateException if the broker serves no HTTP
     */
    public int httpPort() {
        HttpEndpoint current = http;
        if (current == null) {
            throw new IllegalStateException("Broker " + config.name() + " serves no HTTP; see BrokerConfig.withHttp.");
        }
        return current.port();
    }

    /** The routes of the HTTP endpoint: health for probes; metrics and the console for admins. */
    private ManagementRoutes managementRoutes() {
        Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        readiness.put("store", store::isHealthy);
        readiness.put("acceptors", () -> !closed && (config.tcp() == null || acceptor != null)
                && protocolAcceptors.size() == config.protocols().size());
        QueueHistory history = new QueueHistory(postOffice::queues, config.clock()::millis);
        history.start(timer);
        String host = config.management().http().host();
        boolean loopback = host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("::1");
        return new ManagementRoutes(new HttpLogin(this), () -> !closed, readiness, prometheus,
                new ConsoleApi(this, history), loopback);
    }

    /**
     * Writes a consistent copy of the journal into a new zip archive while the broker goes on serving (see
     * {@link H2MessageStore#backup}), on a thread of its own; restore it by unzipping it into an empty data
     * directory. The copy holds every message and acknowledgment made durable before the backup began.
     *
     * @param target the zip file to create, on this machine; it must not exist
     * @return completes once the archive is written, or fails with a {@link BrokerException}
     */
    @Override
    public CompletableFuture<Void> backup(Path target) {
        if (store instanceof PostgresMessageStore) {
            return CompletableFuture.failedFuture(new BrokerException(ErrorCode.ILLEGAL_STATE,
                    "Broker " + config.name() + " keeps its journal in PostgreSQL; back the database up with "
                            + "PostgreSQL's own tools (pg_dump, or continuous archiving for point-in-time recovery)."));
        }
        if (!(store instanceof H2MessageStore h2)) {
            return CompletableFuture.failedFuture(new BrokerException(ErrorCode.ILLEGAL_STATE,
                    "Broker " + config.name() + " keeps its messages in memory; there is nothing to back up."));
        }
        if (!target.getFileName().toString().endsWith(".zip")) {
            return CompletableFuture.failedFuture(new BrokerException(ErrorCode.INVALID_ARGUMENT,
                    "A backup is a zip file; its name must end in .zip, was " + target + "."));
        }
        // one at a time: each turns MVStore's reuse of space off and back on, which must not overlap
        if (!backingUp.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new BrokerException(ErrorCode.ILLEGAL_STATE,
                    "A backup of broker " + config.name() + " is running; try again once it is done."));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                h2.backup(target);
            } catch (StoreException e) {
                throw new BrokerException(ErrorCode.RESOURCE_ALLOCATION, e.getMessage());
            } finally {
                backingUp.set(false);
            }
        }, task -> {
            Thread thread = new Thread(task, "tern-" + config.name() + "-backup");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The client connections open now, by ID. */
    @Override
    public List<ConnectionInfo> connections() {
        return connections.stream().map(ServerConnection::info).sorted(Comparator.comparingLong(ConnectionInfo::id))
                .toList();
    }

    /** Number of sessions open now, on every connection. */
    public int sessionCount() {
        return connections.stream().mapToInt(ServerConnection::sessionCount).sum();
    }

    @Override
    public PostOffice postOffice() {
        return postOffice;
    }

    @Override
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public ClientIds clientIds() {
        return clientIds;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public BrokerSecurity security() {
        return security;
    }

    @Override
    public LoginGuard loginGuard() {
        return loginGuard;
    }

    @Override
    public Executor loginThreads() {
        return loginThreads;
    }

    /**
     * Reads the users file again and puts these settings in force, as when the standalone broker's
     * configuration file changes. Connections already open keep their users and roles; the new access rules
     * decide their next commands.
     *
     * @throws BrokerException INVALID_ARGUMENT, changing nothing, if the users file cannot be read or the
     *     guest user is not in it
     */
    public void reloadSecurity(SecuritySettings settings) {
        security = settings.load();
        LOG.info("Broker {}: security reloaded; {}", config.name(), security.accessRules());
        audit.adminAction(0, BROKER_API, AuditLog.IN_JVM, "security reloaded");
    }

    @Override
    public java.time.Clock clock() {
        return config.clock();
    }

    @Override
    public BrokerTimer timer() {
        return timer;
    }

    @Override
    public XaTransactions xaTransactions() {
        return xaTransactions;
    }

    @Override
    public Redelivery redelivery() {
        return redelivery;
    }

    @Override
    public OrderedExecutor newLane(String what) {
        return new OrderedExecutor(workers, what + " of broker " + config.name());
    }

    @Override
    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** Disconnects every client, stops dispatching and closes the journal. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            shutDown();
        } finally {
            stopped.complete(null);
        }
    }

    private void shutDown() {
        List<ProtocolAcceptor> acceptors = new ArrayList<>(protocolAcceptors.values());
        if (acceptor != null) {
            acceptors.add(0, acceptor);
        }
        acceptors.forEach(ProtocolAcceptor::stopAccepting);
        if (http != null) {
            http.close();
        }
        if (jmx != null) {
            jmx.close();
        }
        for (ServerConnection connection : connections) {
            connection.closeByBroker("Broker " + config.name() + " is shutting down.");
        }
        acceptors.forEach(ProtocolAcceptor::close);
        if (config.clock() instanceof MutableClock mutable) {
            mutable.removeListener(clockListener);
        }
        timerThread.shutdownNow();
        stop(timerThread, "Timer");
        loginThreads.shutdownNow();
        dispatchExecutor.shutdown();
        stop(dispatchExecutor, "Dispatch");
        store.close();
        if (meters != null) {
            postOffice.unwatchQueues(meters);
            meters.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        workers.shutdown();
        if (!isWorkerThread()) {
            stop(workers, "Worker");
        }
        LOG.info("Broker {} stopped", config.name());
    }

    /**
     * Completes once the broker has stopped: closed by its owner, or by itself, as a broker on a shared PostgreSQL
     * store does when it loses the store's lease to a backup.
     */
    public CompletableFuture<Void> whenStopped() {
        return stopped.copy();
    }

    /**
     * True on a worker thread: a connection's close that stops its embedded broker runs on its lane, and
     * the worker finishes with that task, so the close must not wait for the workers.
     */
    private boolean isWorkerThread() {
        return workerThreads.contains(Thread.currentThread());
    }

    private void stop(ExecutorService threads, String what) {
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} threads of broker {} did not stop within 10 s", what, config.name());
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Recreates the durable queues and hands each the IDs of its journaled messages; the messages stay
     * on disk until consumers need them (paging), so a deep journal starts fast and in little memory.
     */
    private void restore(StoredIndex index) {
        long restored = 0;
        for (QueueRecord definition : index.queues()) {
            long[] ids = index.messageIdsOf(definition.name());
            if (Retention.isRetentionQueue(definition.name())) {
                postOffice.retention().restore(definition, ids);
                continue;
            }
            MessageQueue queue = postOffice.restore(definition);
            if (ids.length > 0) {
                queue.restorePaged(ids);
                restored += ids.length;
            }
        }
        // Above every ID the journal ever held, referenced now or not: a new message must not take a stored one's ID.
        messageIds.set(index.lastMessageId());
        index.branches().forEach(this::restoreBranch);
        if (!index.branches().isEmpty()) {
            LOG.info("Broker {} holds {} prepared XA branches from its journal, waiting for their transaction "
                    + "managers", config.name(), index.branches().size());
        }
        journal.apply(duplicateIds.restore(index.duplicateIds())).join();
        if (!index.duplicateIds().isEmpty()) {
            LOG.info("Broker {} remembers {} duplicate IDs from its journal", config.name(),
                    index.duplicateIds().size());
        }
        if (restored > 0 || !index.queues().isEmpty()) {
            LOG.info("Broker {} restored {} queues and {} messages", config.name(), index.queues().size(), restored);
        }
    }

    /**
     * Takes back a prepared XA branch: its sends, stored without references, and the references it acknowledged,
     * which the index left out of their queues so that they stay locked until it is decided.
     */
    private void restoreBranch(PreparedBranch branch) {
        long[] sentIds = branch.sends().stream().mapToLong(PreparedBranch.Send::messageId).toArray();
        Map<Long, MessageRecord> sent = new HashMap<>();
        store.readMessages(sentIds).forEach(stored -> sent.put(stored.messageId(), stored.message()));
        List<RoutedMessage> sends = new ArrayList<>();
        for (PreparedBranch.Send send : branch.sends()) {
            MessageRecord record = sent.get(send.messageId());
            if (record != null) {
                ServerMessage message = new ServerMessage(send.messageId(), record, 0);
                message.markStored();
                sends.add(new RoutedMessage(message, send.queueNames().stream().map(postOffice::queue)
                        .filter(Objects::nonNull).toList()));
            }
        }
        List<MessageRef> acknowledged = new ArrayList<>();
        branch.acknowledged().stream().collect(Collectors.groupingBy(PreparedBranch.Acknowledged::queueName,
                Collectors.mapping(PreparedBranch.Acknowledged::messageId, Collectors.toList())))
                .forEach((queueName, ids) -> {
                    MessageQueue queue = postOffice.queue(queueName);
                    if (queue != null) {
                        acknowledged.addAll(journal.read(queue, ids.stream().mapToLong(Long::longValue).toArray()));
                    }
                });
        xaTransactions.restore(branch.id(), sends, acknowledged);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
