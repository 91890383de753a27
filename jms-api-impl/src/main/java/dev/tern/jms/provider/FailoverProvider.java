package dev.tern.jms.provider;

import dev.tern.protocol.Command;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import javax.transaction.xa.XAException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider for {@code failover:(...)}: talks through one link to one of several brokers, and when
 * that link is lost, connects to the next with exponential backoff and replays the connection's state
 * ({@link ConnectionState}) before anything else is sent. Commands issued while it reconnects wait and
 * go out, in order, on the new link; commands in flight when the link dropped fail, except
 * acknowledgments and closes, which succeed as there is nothing left for them to do, and, with {@code
 * jms.autoDuplicateId}, sends outside transactions, which go again on the new link: their duplicate IDs let the
 * broker drop the second copy of one it had stored (brokers on one shared store share those IDs). The listener is
 * told the connection is lost only when {@link FailoverSettings#maxReconnectAttempts()} are used up.
 *
 * <p>Deliveries get client-side IDs ({@link DeliveryIds}), so acknowledgments of messages received over
 * a lost link are dropped instead of settling other messages; each session's buffered deliveries are
 * discarded on link loss, as after a recover. A transacted session that had sent over the lost link,
 * or that commits messages received over it, has its next commit fail as rolled back; a commit in
 * flight when the link dropped fails with the link's {@link LinkLostException}: its outcome is unknown.
 */
public final class FailoverProvider implements Provider {

    private static final String LOST_XA_BRANCH = "The connection failed over to another broker link while this "
            + "session worked in an XA branch; the branch can only roll back.";


    private static final Logger LOG = LoggerFactory.getLogger(FailoverProvider.class);
    /** The properties the broker's duplicate detection reads: Tern's, and Artemis's. */
    private static final List<String> DUPLICATE_ID_PROPERTIES = List.of("TernDuplicateId", "_AMQ_DUPL_ID");
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final long JOIN_TIMEOUT_MILLIS = 10_000;

    /** One broker to try: its address, for messages, and how to connect to it with a listener. */
    public record Endpoint(String address, Function<ProviderListener, Provider> dial) {
    }

    private record Waiting(Consumer<Provider> send, Consumer<ProviderException> fail) {
    }

    private final List<Endpoint> endpoints;
    private final FailoverSettings settings;
    private final long requestTimeoutMillis;
    private final boolean resendSends;
    private final ProviderListener listener;
    private final ConnectionState state = new ConnectionState();
    private final DeliveryIds deliveries = new DeliveryIds();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object lock = new Object();
    private final List<Waiting> waiting = new ArrayList<>();
    /** How many of {@link #waiting} are resends, at its head. */
    private int resendsWaiting;
    private Provider live;
    private Link currentLink;
    private ProviderException failure;
    private Thread reconnector;

    /**
     * Connects to the first endpoint that answers, trying each once in order.
     *
     * @param requestTimeoutMillis how long each replayed command may take on a new link
     * @param resendSends whether a send in flight when a link drops goes again on the next, if its message has a
     *     duplicate ID and it is not part of a transaction ({@code jms.autoDuplicateId})
     * @throws ProviderException if none answers
     */
    public FailoverProvider(List<Endpoint> endpoints, FailoverSettings settings, long requestTimeoutMillis,
            boolean resendSends, ProviderListener listener) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("failover needs at least one broker URL");
        }
        this.endpoints = List.copyOf(endpoints);
        this.settings = settings;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.resendSends = resendSends;
        this.listener = listener;
        ProviderException last = null;
        for (Endpoint endpoint : this.endpoints) {
            Link link = new Link(endpoint);
            synchronized (lock) {
                currentLink = link;
            }
            try {
                Provider provider = endpoint.dial().apply(link);
                synchronized (lock) {
                    live = provider;
                }
                return;
            } catch (ProviderException e) {
                last = e;
                LOG.debug("Could not connect to {}: {}", endpoint.address(), e.getMessage());
            }
        }
        throw new ProviderException(last.code(), "Could not connect to any of " + addresses() + "; the last said: "
                + last.getMessage());
    }

    @Override
    public CompletableFuture<Event> request(LongFunction<Command> command) {
        Command peek = command.apply(0);
        if (peek instanceof Command.Commit commit
                && (state.takeInDoubt(commit.sessionId()) || deliveries.anyStale(commit.consumed()))) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.TRANSACTION_ROLLED_BACK,
                    "The connection failed over to another broker link during this transaction; it was rolled back."));
        }
        if (peek instanceof Command.Send send && state.lostXaBranch(send.sessionId())) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.TRANSACTION_ROLLED_BACK,
                    LOST_XA_BRANCH));
        }
        if (peek instanceof Command.XaEnd end && state.takeLostXaBranch(end.sessionId())) {
            return CompletableFuture.completedFuture(new Event.XaAnswer(end.requestId(), XAException.XA_RBROLLBACK,
                    LOST_XA_BRANCH));
        }
        CompletableFuture<Event> answer = new CompletableFuture<>();
        if (isClose(peek) && !isLive()) {
            // Nothing of it is left on any broker; waiting for a link would only delay the close.
            state.sending(peek);
            answer.complete(new Event.Ok(0));
            return answer;
        }
        send(command, answer, false);
        return answer;
    }

    /**
     * Sends the command on the live link, or on the next once it is up, and answers with what the broker says. A
     * resend goes ahead of the commands made while the link was down, after the resends before it.
     */
    private void send(LongFunction<Command> command, CompletableFuture<Event> answer, boolean resend) {
        dispatch(provider -> {
            AtomicReference<Command> sent = new AtomicReference<>();
            provider.request(toBroker(command, sent)).whenComplete((event, error) -> {
                if (error == null) {
                    state.accepted(sent.get(), command);
                    answer.complete(event);
                } else if (provider.isDown() && mootOnLinkLoss(sent.get())) {
                    // What it would settle or release is gone with the link; the next broker knows nothing of it.
                    answer.complete(new Event.Ok(0));
                } else if (provider.isDown() && resendable(sent.get())) {
                    // The broker may have stored it or not; its duplicate ID makes a second copy harmless.
                    LOG.debug("Sending again, on the next link, a message in flight when the link dropped");
                    send(command, answer, true);
                } else {
                    answer.completeExceptionally(error);
                }
            });
        }, answer::completeExceptionally, resend);
    }

    /**
     * True for a send that may go again on the next link: with {@code jms.autoDuplicateId}, a persistent message
     * with a duplicate ID (a broker journals the IDs of persistent messages only), sent outside a transaction and
     * an XA branch (whose work the link's loss rolls back anyway).
     */
    private boolean resendable(Command command) {
        return resendSends && command instanceof Command.Send send && send.message().persistent()
                && DUPLICATE_ID_PROPERTIES.stream().anyMatch(send.message().properties()::containsKey)
                && state.sendsStandAlone(send.sessionId());
    }

    @Override
    public void post(LongFunction<Command> command) {
        dispatch(provider -> provider.post(toBroker(command, new AtomicReference<>())), failed -> { }, false);
    }

    /** The member whose link is live or being set up now; null while none is. */
    @Override
    public String currentBroker() {
        synchronized (lock) {
            return currentLink == null ? null : currentLink.endpoint.address();
        }
    }

    /** The system clock: brokers elsewhere share no clock with the client. */
    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Stops reconnecting, drops the link and fails waiting commands; returns when the reconnect thread ended. */
    @Override
    public void abort() {
        Provider link;
        Thread thread;
        List<Waiting> failed;
        synchronized (lock) {
            failure = RequestTracker.closed();
            link = live;
            live = null;
            currentLink = null;
            thread = reconnector;
            failed = List.copyOf(waiting);
            waiting.clear();
        }
        closing.countDown();
        failed.forEach(command -> command.fail().accept(RequestTracker.closed()));
        if (link != null) {
            link.abort();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(JOIN_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LongFunction<Command> toBroker(LongFunction<Command> command, AtomicReference<Command> sent) {
        return requestId -> {
            Command original = command.apply(requestId);
            sent.set(original);
            List<Long> sessionConsumers = original instanceof Command.Recover recover ? state.consumersOf(recover.sessionId())
                    : original instanceof Command.CloseSession close ? state.consumersOf(close.sessionId()) : List.of();
            Command mapped = deliveries.toBroker(original, sessionConsumers);
            state.sending(original);
            return mapped;
        };
    }

    /**
     * @param first for a resend: it waits ahead of the commands made since the link was lost (the link fails its
     *     requests in the order they were made, so the resends keep that order too)
     */
    private void dispatch(Consumer<Provider> send, Consumer<ProviderException> fail, boolean first) {
        Provider provider;
        ProviderException failed;
        synchronized (lock) {
            failed = failure;
            provider = live;
            if (failed == null && (provider == null || provider.isDown())) {
                // A link that is down tells linkLost right before it fails its requests; wait for the next.
                if (first) {
                    waiting.add(resendsWaiting++, new Waiting(send, fail));
                } else {
                    waiting.add(new Waiting(send, fail));
                }
                return;
            }
        }
        if (failed != null) {
            fail.accept(failed);
        } else {
            send.accept(provider);
        }
    }

    private static boolean mootOnLinkLoss(Command command) {
        return command instanceof Command.Acknowledge || isClose(command);
    }

    private static boolean isClose(Command command) {
        return command instanceof Command.CloseConnection || command instanceof Command.CloseSession
                || command instanceof Command.CloseConsumer;
    }

    private boolean isLive() {
        synchronized (lock) {
            return live != null && !live.isDown();
        }
    }

    /** The link in use dropped: void what it delivered and start reconnecting. */
    private void linkLost(Link link, ProviderException cause) {
        List<Long> sessions;
        Thread thread;
        synchronized (lock) {
            if (link != currentLink || live == null || failure != null) {
                return; // an old link, a link still being set up, or closed
            }
            live = null;
            currentLink = null;
            deliveries.newLink();
            LOG.warn("Lost the connection to {} ({}); reconnecting to one of {}", link.endpoint.address(),
                    cause.getMessage(), addresses());
            sessions = state.linkLost();
            thread = new Thread(this::reconnect, "tern-failover-" + NUMBERS.incrementAndGet());
            thread.setDaemon(true);
            reconnector = thread;
        }
        for (long sessionId : sessions) {
            listener.onSessionRecovered(sessionId);
        }
        thread.start();
    }

    private void reconnect() {
        int attempts = 0;
        long delay = settings.initialReconnectDelayMillis();
        ProviderException last = null;
        while (closing.getCount() > 0) {
            for (Endpoint endpoint : endpoints) {
                if (settings.maxReconnectAttempts() >= 0 && attempts >= settings.maxReconnectAttempts()) {
                    giveUp(attempts, last);
                    return;
                }
                attempts++;
                Link link = new Link(endpoint);
                synchronized (lock) {
                    if (failure != null) {
                        return;
                    }
                    currentLink = link;
                }
                Provider provider = null;
                try {
                    provider = endpoint.dial().apply(link);
                    replay(provider, link);
                    if (!install(link, provider)) {
                        provider.abort();
                    }
                    return;
                } catch (RuntimeException e) {
                    last = e instanceof ProviderException refused ? refused
                            : new ProviderException(ErrorCode.INTERNAL, e.toString());
                    LOG.debug("Reconnect attempt {} to {} failed: {}", attempts, endpoint.address(), e.toString());
                    if (provider != null) {
                        provider.abort();
                    }
                }
            }
            try {
                if (closing.await(delay, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = settings.nextDelay(delay);
        }
    }

    private void replay(Provider provider, Link link) {
        for (LongFunction<Command> command : state.replay()) {
            try {
                provider.request(command).get(requestTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                ProviderException refused = e.getCause() instanceof ProviderException p ? p
                        : new ProviderException(ErrorCode.INTERNAL, String.valueOf(e.getCause()));
                Command what = command.apply(0);
                if (link.lost || what instanceof Command.OpenConnection || what instanceof Command.SetClientId) {
                    throw refused;
                }
                LOG.warn("{} could not restore {} after failover: {}", link.endpoint.address(),
                        what.getClass().getSimpleName(), refused.getMessage());
            } catch (TimeoutException e) {
                throw new ProviderException(ErrorCode.ILLEGAL_STATE, link.endpoint.address()
                        + " did not answer within " + requestTimeoutMillis + " ms while the connection was restored");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ErrorCode.ILLEGAL_STATE, "Interrupted while reconnecting");
            }
        }
    }

    private boolean install(Link link, Provider provider) {
        synchronized (lock) {
            if (failure != null || currentLink != link) {
                return false;
            }
            live = provider;
            for (Waiting command : waiting) {
                command.send().accept(provider);
            }
            waiting.clear();
            resendsWaiting = 0;
        }
        LOG.info("Reconnected to {}", link.endpoint.address());
        return true;
    }

    private void giveUp(int attempts, ProviderException last) {
        ProviderException cause = LinkLostException.beforeSending(ErrorCode.ILLEGAL_STATE, "Lost the connection to the broker "
                + "and could not reconnect to any of " + addresses() + " in " + attempts + " attempts"
                + (last == null ? "." : "; the last failed with: " + last.getMessage()));
        List<Waiting> failed;
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            failure = cause;
            currentLink = null;
            failed = List.copyOf(waiting);
            waiting.clear();
        }
        LOG.warn(cause.getMessage());
        // The listener first, as the other providers do, so that a call failing next finds its connection lost.
        listener.onConnectionLost(cause);
        failed.forEach(command -> command.fail().accept(cause));
    }

    private List<String> addresses() {
        return endpoints.stream().map(Endpoint::address).toList();
    }

    /** Events of one link; only those of the current link reach the connection. */
    private final class Link implements ProviderListener {

        private final Endpoint endpoint;
        private volatile boolean lost;

        Link(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        private boolean isCurrent() {
            synchronized (lock) {
                return currentLink == this;
            }
        }

        @Override
        public void onDelivery(Event.Deliver delivery) {
            if (isCurrent()) {
                listener.onDelivery(deliveries.toClient(delivery));
            }
        }

        @Override
        public void onSessionRecovered(long sessionId) {
            if (isCurrent()) {
                listener.onSessionRecovered(sessionId);
            }
        }

        @Override
        public void onDeliveryRevoked(long consumerId, long deliveryId) {
            if (isCurrent()) {
                long clientId = deliveries.revoked(deliveryId);
                if (clientId != -1) {
                    listener.onDeliveryRevoked(consumerId, clientId);
                }
            }
        }

        @Override
        public void onConnectionLost(ProviderException cause) {
            lost = true;
            linkLost(this, cause);
        }
    }
}
