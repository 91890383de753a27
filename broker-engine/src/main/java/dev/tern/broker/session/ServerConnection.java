package dev.tern.broker.session;

import dev.tern.broker.BrokerException;
import dev.tern.broker.concurrent.OrderedExecutor;
import dev.tern.broker.core.MessageFilter;
import dev.tern.broker.core.Journal;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.MessageRef;
import dev.tern.broker.core.QueueConsumer;
import dev.tern.broker.core.ServerMessage;
import dev.tern.broker.core.SubscriptionPermissions;
import dev.tern.broker.policy.AddressPattern;
import dev.tern.broker.policy.PolicyReport;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.broker.security.AccessRules;
import dev.tern.broker.security.AuthenticatedUser;
import dev.tern.broker.security.ClientOrigin;
import dev.tern.broker.security.ConnectionAccess;
import dev.tern.broker.security.Permission;
import dev.tern.broker.store.StoreException;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConnectionInfo;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.InVmConnector;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.QueueAction;
import dev.tern.protocol.QueueStatistics;
import dev.tern.protocol.TernProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's side of one client connection: executes the client's commands and pushes events back.
 * Each command is answered exactly once, at once or when the journal has made it durable.
 *
 * <p>Threads: {@link #send} and {@link #abort} only queue; the commands run one at a time, in the order
 * they came, on the connection's lane of the broker's worker threads ({@link BrokerServices#newLane}), so
 * neither a socket's I/O thread nor an in-JVM client's thread runs them. A command whose answer waits
 * for the journal returns at once; the answer is made from the journal's completion: back on the lane, or
 * for a socket straight to its event loop ({@link #replyWhenDone}). The credentials of
 * {@link Command.OpenConnection} are checked on the broker's login threads ({@link BrokerServices#loginThreads}),
 * as a check may be slow or wait on the network; the commands that come meanwhile wait for it, in order.
 *
 * <p>Every command that touches a destination is first decided by the broker's access rules for the
 * connection's user ({@link ConnectionAccess}); a refused one changes nothing and is answered with SECURITY.
 *
 * <p>{@link Command.CloseConnection} releases the connection at once, then is answered after every
 * answer still due to an earlier command; once closed, the connection pushes answers and nothing else.
 */
public final class ServerConnection implements InVmConnector.FrameChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final long id;
    private final BrokerServices broker;
    private final InVmConnector.EventListener client;
    /** The client's address, for the audit log and the login limits. */
    private final String from;
    private final Runnable onClosed;
    private final Map<Long, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Set<DestinationName> temporaryDestinations = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveryIds = new AtomicLong();
    private final PendingAnswers pendingAnswers = new PendingAnswers();
    private final OrderedExecutor lane;
    private final XaCommands xaCommands;
    private volatile String clientId;
    /** Who the connection acts as and what it may do; allows nothing until the connection is opened. */
    private volatile ConnectionAccess access = new ConnectionAccess(AuthenticatedUser.ANONYMOUS, () -> AccessRules.EMPTY,
            (user, action) -> { });
    /** Gives the connection's place back to the connection limits; nothing until it is opened. */
    private volatile Runnable leaveLimits = () -> { };
    private volatile boolean opened;
    /** Checks the credentials of the OpenConnection; the commands that come meanwhile wait for it. */
    private final ConnectionLogin login;
    private volatile boolean closed;
    /**
     * Whether the client has started delivery ({@link Command.StartDelivery}); a connection starts
     * stopped. Read by sessions under their delivery lock, written before each session's lock is taken.
     */
    private volatile boolean deliveryStarted;

    /** @param origin the client's address and verified certificate */
    public ServerConnection(long id, BrokerServices broker, InVmConnector.EventListener client, ClientOrigin origin,
            Runnable onClosed) {
        this.id = id;
        this.broker = broker;
        this.client = client;
        this.from = origin.address();
        this.onClosed = onClosed;
        this.lane = broker.newLane("connection " + id);
        this.xaCommands = new XaCommands(broker.xaTransactions(), this::session);
        this.login = new ConnectionLogin(id, broker, origin, lane, pendingAnswers, new ConnectionLogin.Outcome() {
            @Override
            public void loggedIn(Command.OpenConnection open, AuthenticatedUser user) {
                open(open, user);
            }

            @Override
            public void refused(Command.OpenConnection open, ErrorCode code, String message) {
                reply(open, code, message);
            }
        });
    }

    public long id() {
        return id;
    }

    /** Queues a command; it runs on the connection's lane, after every command queued before it. */
    @Override
    public void send(Command command) {
        lane.execute(() -> execute(command));
    }

    /** Releases the connection on its lane, after the commands queued before. */
    @Override
    public void abort() {
        lane.execute(this::close);
    }

    /**
     * Answers a command that the socket's decoder refused (a message beyond the broker's limits) on the
     * lane, in order with the answers to the commands before it.
     */
    public void refuse(Event.Failed answer) {
        lane.execute(() -> {
            if (!login.inProgress() || !login.hold(() -> push(answer))) {
                push(answer);
            }
        });
    }

    private void execute(Command command) {
        if (login.inProgress()) {
            if (!login.hold(() -> execute(command))) {
                closeByBroker("The client sent more than " + LoginGate.MAX_HELD
                        + " commands before its login was answered.");
            }
            return;
        }
        try {
            handle(command);
        } catch (BrokerException e) {
            reply(command, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Command {} failed on connection {}", command.getClass().getSimpleName(), id, e);
            reply(command, ErrorCode.INTERNAL, "The broker failed: " + e);
        }
    }

    @Override
    public Clock clock() {
        return broker.clock();
    }

    /** Tells the client the broker is going away, then releases everything the connection holds. */
    public void closeByBroker(String reason) {
        if (!closed) {
            push(new Event.ConnectionClosed(ErrorCode.ILLEGAL_STATE, reason));
            close();
        }
    }

    private void handle(Command command) {
        checkNotClosed();
        if (!opened && !(command instanceof Command.OpenConnection)) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The connection was not opened.");
        }
        if (command instanceof Command.OpenConnection open) {
            if (opened) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The connection is already open.");
            }
            login.start(open);
        } else if (command instanceof Command.SetClientId set) {
            if (clientId != null) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The client ID is already set to " + clientId);
            }
            claimClientId(set.clientId());
            ok(command);
        } else if (command instanceof Command.CreateSession create) {
            addSession(new ServerSession(create.sessionId(), create.ackMode(), this,
                    broker.journal(), new SendGate(broker.timer()), broker.redelivery()));
            ok(command);
        } else if (command instanceof Command.CloseSession close) {
            ServerSession session = sessions.remove(close.sessionId());
            if (session != null) {
                session.close(close.consumed());
            }
            ok(command);
        } else if (command instanceof Command.CreateConsumer create) {
            ServerSession session = session(create.sessionId());
            checkUnlessTemporary(Permission.CONSUME, create.spec().destination());
            CompletableFuture<Void> stored = session.createConsumer(create.consumerId(), create.spec(), create.credit());
            replyWhenDone(command, stored.whenCompleteAsync((done, failure) -> {
                if (failure != null) {
                    session.closeConsumer(create.consumerId(), List.of());
                }
            }, lane));
        } else if (command instanceof Command.CloseConsumer close) {
            session(close.sessionId()).closeConsumer(close.consumerId(), close.kept());
            ok(command);
        } else if (command instanceof Command.Send send) {
            checkUnlessTemporary(Permission.SEND, send.message().destination());
            replyWhenDone(command, session(send.sessionId()).send(send.message()));
        } else if (command instanceof Command.Acknowledge ack) {
            replyWhenDone(command, session(ack.sessionId()).acknowledge(ack.deliveryIds()));
        } else if (command instanceof Command.Commit commit) {
            replyWhenDone(command, session(commit.sessionId()).commit(commit.consumed()));
        } else if (command instanceof Command.Recover recover) {
            session(recover.sessionId()).recover(recover.requestId(), recover.consumed());
        } else if (command instanceof Command.Release release) {
            session(release.sessionId()).release(release.deliveryIds(), release.failed());
            ok(command);
        } else if (command instanceof Command.Pull pull) {
            session(pull.sessionId()).pull(pull.consumerId());
            ok(command);
        } else if (command instanceof Command.GrantCredit grant) {
            ServerSession session = sessions.get(grant.sessionId());
            if (session != null) {
                session.grantCredit(grant.consumerId(), grant.credit());
            }
        } else if (command instanceof Command.Browse browse) {
            push(browse(browse));
        } else if (command instanceof Command.Unsubscribe unsubscribe) {
            broker.subscriptions().unsubscribe(clientId, unsubscribe.subscriptionName(), subscriptionPermissions());
            broker.audit().deleted(id, userName(), from, "durable subscription " + unsubscribe.subscriptionName()
                    + (clientId == null ? "" : " of client " + clientId));
            ok(command);
        } else if (command instanceof Command.CreateTemporaryDestination create) {
            access.check(Permission.CREATE_TEMPORARY, create.destination());
            addTemporary(create.destination());
            ok(command);
        } else if (command instanceof Command.DeleteTemporaryDestination delete) {
            checkOwner(delete.destination());
            broker.postOffice().deleteTemporary(delete.destination());
            temporaryDestinations.remove(delete.destination());
            broker.audit().deleted(id, userName(), from, "temporary destination " + delete.destination().name());
            ok(command);
        } else if (command instanceof Command.QueryStatistics) {
            access.checkSomewhere(Permission.ADMIN);
            push(new Event.Statistics(command.requestId(), statistics()));
        } else if (command instanceof Command.RetryDeadLetters retry) {
            access.check(Permission.ADMIN, DestinationName.queue(retry.queue()));
            broker.audit().adminAction(id, userName(), from, "dlq retry " + retry.queue()
                    + (retry.selector() == null ? "" : " where " + retry.selector()));
            answerCount(command, broker.deadLetterRetry().retry(retry.queue(), retry.selector()));
        } else if (command instanceof Command.Backup backup) {
            access.checkEverywhere(Permission.ADMIN);
            broker.audit().adminAction(id, userName(), from, "backup to " + backup.path());
            replyWhenDone(command, broker.backup(Path.of(backup.path())));
        } else if (command instanceof Command.ManageQueue manage) {
            manageQueue(manage);
        } else if (command instanceof Command.SetPolicy set) {
            access.checkAll(Permission.ADMIN, pattern(set.pattern()));
            if (PolicySettings.namesQueue(set.setting()) && !set.value().isEmpty()) {
                access.check(Permission.ADMIN, DestinationName.queue(set.value()));
            }
            broker.setPolicy(set.pattern(), set.setting(), set.value());
            broker.audit().adminAction(id, userName(), from, "policy set " + set.pattern() + " " + set.setting()
                    + " = " + set.value());
            ok(command);
        } else if (command instanceof Command.ListConnections) {
            access.checkSomewhere(Permission.ADMIN);
            push(new Event.Connections(command.requestId(), broker.connections()));
        } else if (command instanceof Command.ListPolicies) {
            access.checkSomewhere(Permission.ADMIN);
            push(new Event.Policies(command.requestId(), PolicyReport.of(broker.policies())));
        } else if (command instanceof Command.StartDelivery) {
            startDelivery();
            ok(command);
        } else if (command instanceof Command.StopDelivery stop) {
            stopDelivery(stop.consumed());
            ok(command);
        } else if (command instanceof Command.Xa xa) {
            if (xa instanceof Command.XaDecide decide) {
                access.checkEverywhere(Permission.ADMIN);
                broker.audit().adminAction(id, userName(), from, "xa " + (decide.commit() ? "commit " : "rollback ")
                        + decide.branch());
            }
            pendingAnswers.add(xaCommands.execute(xa).thenAcceptAsync(this::push, lane));
        } else if (command instanceof Command.CloseConnection) {
            close();
            pendingAnswers.afterAll(() -> ok(command));
        } else {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "Unknown command " + command.getClass().getSimpleName());
        }
    }

    /**
     * Pauses, resumes, removes or moves; needs admin on the queue (a subscription's: on its topic), and on
     * the target of a move.
     */
    private void manageQueue(Command.ManageQueue manage) {
        access.check(Permission.ADMIN, broker.postOffice().administeredAs(manage.queue()));
        if (manage.action() == QueueAction.MOVE && manage.target() != null) {
            access.check(Permission.ADMIN, DestinationName.queue(manage.target()));
        }
        String where = manage.selector() == null ? "" : " where " + manage.selector();
        CompletableFuture<Integer> done = broker.queueAdmin().apply(manage.action(), manage.queue(), manage.selector(),
                manage.target());
        broker.audit().adminAction(id, userName(), from, "queue " + manage.action().name().toLowerCase(Locale.ROOT)
                + " " + manage.queue() + (manage.action() == QueueAction.MOVE ? " to " + manage.target() : "") + where);
        answerCount(manage, done);
    }

    /** Answers with how many messages an administration command moved or removed, once it is done. */
    private void answerCount(Command command, CompletableFuture<Integer> done) {
        pendingAnswers.add(done.whenCompleteAsync((count, failure) -> {
            if (failure == null) {
                push(new Event.Counted(command.requestId(), count));
            } else {
                replyFailure(command, failure);
            }
        }, lane));
    }

    /** Sessions open on this connection now. */
    public int sessionCount() {
        return sessions.size();
    }

    /** What an operator sees of this connection now. */
    public ConnectionInfo info() {
        return new ConnectionInfo(id, clientId, userName(), from, sessions.size());
    }

    /**
     * Opens the connection for a user. Under the monitor {@link #close} marks the connection closed with,
     * so that the connection's place and client ID are either given back by the close or never taken.
     */
    private void open(Command.OpenConnection open, AuthenticatedUser user) {
        Runnable admitted = broker.loginGuard().admit(user.name(), from);
        try {
            synchronized (this) {
                checkNotClosed();
                if (open.clientId() != null) {
                    claimClientId(open.clientId());
                }
                leaveLimits = admitted;
            }
        } catch (RuntimeException e) {
            admitted.run();
            throw e;
        }
        access = new ConnectionAccess(user, () -> broker.security().accessRules(),
                (name, action) -> broker.audit().denied(id, name, from, action));
        opened = true;
        LOG.debug("Connection {} opened by {}", id, user.name() == null ? "an anonymous client" : user.name());
        ok(open);
    }

    /**
     * The statistics of every queue whose address (a subscription's topic, a temporary destination's
     * internal name) the user may administer, by name.
     */
    private List<QueueStatistics> statistics() {
        return broker.postOffice().queues().stream()
                .filter(queue -> access.allows(Permission.ADMIN, queue.definition().address()))
                .map(MessageQueue::statistics)
                .sorted(Comparator.comparing(QueueStatistics::name))
                .toList();
    }

    private Event.Browsed browse(Command.Browse browse) {
        if (!browse.queue().type().isQueue()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, browse.queue() + " is not a queue; only queues can be browsed.");
        }
        if (browse.queue().type() == DestinationType.TEMPORARY_QUEUE) {
            checkOwner(browse.queue());
        } else {
            access.check(Permission.BROWSE, browse.queue());
        }
        MessageFilter filter = MessageFilter.of(browse.selector());
        MessageQueue queue = broker.postOffice().pointToPointQueue(browse.queue());
        List<Event.Deliver> shown = new ArrayList<>();
        if (browse.limit() > 0) {
            for (MessageRef ref : queue.browse()) {
                MessageRecord record = ref.message().record();
                if (filter.matches(record)) {
                    shown.add(new Event.Deliver(0, 0, ref.deliveryCount() + 1, record));
                    if (shown.size() == browse.limit()) {
                        break;
                    }
                }
            }
        }
        return new Event.Browsed(browse.requestId(), shown);
    }

    /**
     * Takes deliveries for a commit: first from the committing session, then from the connection's others
     * (delivery IDs are unique per connection), so that a protocol whose transactions acknowledge messages
     * received on other sessions (AMQP, STOMP) commits sends and acknowledgments as one unit. IDs no session
     * holds are ignored.
     */
    List<MessageRef> takeDeliveries(ServerSession committing, Collection<Long> deliveryIds) {
        List<Long> wanted = new ArrayList<>(deliveryIds);
        List<MessageRef> refs = new ArrayList<>(wanted.size());
        committing.takeDeliveries(wanted, refs);
        for (ServerSession other : sessions.values()) {
            if (wanted.isEmpty()) {
                break;
            }
            if (other != committing) {
                other.takeDeliveries(wanted, refs);
            }
        }
        return refs;
    }

    /** Lets the sessions deliver again and wakes the queues their consumers wait on. */
    private void startDelivery() {
        deliveryStarted = true;
        sessions.values().forEach(ServerSession::deliveryStarted);
    }

    /**
     * Stops delivery: once each session has passed its delivery lock no delivery follows, and what the
     * client buffered without handing it to the application goes back to its queue.
     */
    private void stopDelivery(List<Long> consumed) {
        deliveryStarted = false;
        Set<Long> kept = Set.copyOf(consumed);
        sessions.values().forEach(session -> session.deliveryStopped(kept));
    }

    /** True while the client wants deliveries (see {@link Command.StartDelivery}); never once closed. */
    boolean isDeliveryStarted() {
        return deliveryStarted && !closed;
    }

    /**
     * Registers a new session, refusing an ID in use. Under the monitor that {@link #close} takes to
     * mark the connection closed, so that a session is either refused or released by the close.
     */
    private void addSession(ServerSession session) {
        synchronized (this) {
            checkNotClosed();
            if (sessions.putIfAbsent(session.id(), session) != null) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "Session " + session.id()
                        + " already exists on this connection; each open session needs an ID of its own.");
            }
        }
    }

    /** Creates a temporary destination owned by this connection, deleted again if the connection closed meanwhile. */
    private void addTemporary(DestinationName destination) {
        broker.postOffice().createTemporary(destination, id);
        synchronized (this) {
            if (!closed) {
                temporaryDestinations.add(destination);
                return;
            }
        }
        broker.postOffice().deleteTemporary(destination);
        checkNotClosed();
    }

    private void checkNotClosed() {
        if (closed) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The connection is closed.");
        }
    }

    /**
     * Releases sessions, temporary destinations and the client ID; safe to call more than once. Every
     * session and temporary destination registered before the connection was marked closed is released,
     * and none is registered after.
     */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (ServerSession session : sessions.values()) {
            session.close(List.of());
        }
        sessions.clear();
        for (DestinationName temporary : temporaryDestinations) {
            try {
                broker.postOffice().deleteTemporary(temporary);
            } catch (BrokerException e) {
                LOG.debug("Temporary destination {} was already gone", temporary);
            }
        }
        temporaryDestinations.clear();
        if (clientId != null) {
            broker.clientIds().release(clientId);
        }
        leaveLimits.run();
        onClosed.run();
    }

    MessageQueue attach(ConsumerSpec spec, QueueConsumer consumer) {
        DestinationName destination = spec.destination();
        if (!destination.type().isQueue()) {
            return broker.subscriptions().attach(spec, clientId, id, consumer, subscriptionPermissions());
        }
        if (destination.type() == DestinationType.TEMPORARY_QUEUE) {
            checkOwner(destination);
        }
        MessageQueue queue = broker.postOffice().pointToPointQueue(destination);
        queue.addConsumer(consumer);
        return queue;
    }

    void detach(MessageQueue queue, QueueConsumer consumer) {
        broker.subscriptions().detach(queue, consumer);
    }

    /** A message a client sent, without the broker's own properties, which no client may set. */
    ServerMessage newMessage(MessageRecord record) {
        return new ServerMessage(broker.nextMessageId(), TernProperties.withoutBrokerProperties(record), id);
    }

    Journal.RoutedMessage route(ServerMessage message) {
        return broker.postOffice().routed(message.record().destination(), message);
    }

    long nextDeliveryId() {
        return deliveryIds.incrementAndGet();
    }

    /** Pushes an event to the client; once the connection is closed, only answers and ConnectionClosed. */
    void push(Event event) {
        if (!closed || event instanceof Event.Answer || event instanceof Event.ConnectionClosed) {
            client.onEvent(event);
        }
    }

    /**
     * Checks a permission on a destination that is not temporary. A temporary destination is consumed by its
     * own connection only ({@link #checkOwner}), and sending to it needs no permission: its name, which
     * only its connection hands out (as a JMSReplyTo), is the right to reply to it.
     */
    private void checkUnlessTemporary(Permission permission, DestinationName destination) {
        if (!destination.type().isTemporary()) {
            access.check(permission, destination);
        }
    }

    /** The user's createDurable and deleteDurable permissions, as the subscriptions ask for them. */
    private SubscriptionPermissions subscriptionPermissions() {
        ConnectionAccess user = access;
        return new SubscriptionPermissions() {
            @Override
            public void checkMayCreateDurable(String topicAddress) {
                user.check(Permission.CREATE_DURABLE, DestinationName.topic(topicAddress));
            }

            @Override
            public void checkMayDeleteDurable(String topicAddress) {
                user.check(Permission.DELETE_DURABLE, DestinationName.topic(topicAddress));
            }
        };
    }

    private String userName() {
        return access.user().name();
    }

    private static AddressPattern pattern(String text) {
        try {
            return new AddressPattern(text);
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private void checkOwner(DestinationName destination) {
        if (broker.postOffice().temporaryOwner(destination) != id) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "Temporary destination " + destination.name()
                    + " belongs to another connection; only the connection that created it may consume from, browse or delete it.");
        }
    }

    private void claimClientId(String requested) {
        if (requested.isEmpty()) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_ID, "The client ID must not be empty.");
        }
        if (!broker.clientIds().claim(requested)) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_ID, "Client ID '" + requested
                    + "' is already in use by another connection; choose a unique client ID.");
        }
        clientId = requested;
    }

    private ServerSession session(long sessionId) {
        ServerSession session = sessions.get(sessionId);
        if (session == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "The session is closed.");
        }
        return session;
    }

    private void ok(Command command) {
        if (command.requestId() != Command.UNANSWERED) {
            push(new Event.Ok(command.requestId()));
        }
    }

    private void reply(Command command, ErrorCode code, String message) {
        if (command.requestId() != Command.UNANSWERED && !(command instanceof Command.GrantCredit)) {
            push(new Event.Failed(command.requestId(), code, message));
        }
    }

    /**
     * Answers once {@code done} completes. A socket's writer only queues the answer for its event loop, so
     * a success is answered from the thread that completes {@code done} (the journal's sync thread, for a
     * persistent send): one hand-off fewer for every send than through the lane. An in-JVM client runs its
     * code on the pushing thread, so it is answered on the lane, as is every failure (it is logged). A
     * command nobody waits for ({@link Command#UNANSWERED}) takes no hand-off when it succeeds.
     */
    private void replyWhenDone(Command command, CompletableFuture<Void> done) {
        boolean successWithoutHandOff = command.requestId() == Command.UNANSWERED || client.onlyQueues();
        pendingAnswers.add(done.handle((ignored, failure) -> {
            if (failure == null && successWithoutHandOff) {
                ok(command);
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.runAsync(() -> answer(command, failure), lane);
        }).thenCompose(answered -> answered));
    }

    /** Answers with Ok, or with the failure. */
    private void answer(Command command, Throwable failure) {
        if (failure == null) {
            ok(command);
        } else {
            replyFailure(command, failure);
        }
    }

    private void replyFailure(Command command, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof BrokerException refusal) {
            reply(command, refusal.code(), refusal.getMessage());
        } else if (cause instanceof StoreException storeFailure) {
            LOG.warn("Journal failed for {} on connection {}: {}", command.getClass().getSimpleName(), id,
                    storeFailure.getMessage());
            reply(command, ErrorCode.INTERNAL, "The broker could not store " + whatIsStored(command) + ": "
                    + storeFailure.getMessage());
        } else {
            LOG.error("Journal failed for {} on connection {}", command.getClass().getSimpleName(), id, cause);
            reply(command, ErrorCode.INTERNAL, "The broker could not store " + whatIsStored(command) + ": " + cause);
        }
    }

    private static String whatIsStored(Command command) {
        if (command instanceof Command.Send) {
            return "the message";
        }
        return command instanceof Command.Commit ? "the transaction" : "the change";
    }
}
