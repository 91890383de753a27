package dev.tern.jms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The failover provider over scripted links: what it replays, in which order, and which IDs it rewrites. */
@Timeout(30)
class FailoverProviderTest {

    /** A link that answers every request with Ok and records what it was sent. */
    private static final class ScriptedLink implements Provider {

        final ProviderListener listener;
        final List<Command> sent = new CopyOnWriteArrayList<>();
        final AtomicLong ids = new AtomicLong();
        volatile boolean down;

        ScriptedLink(ProviderListener listener) {
            this.listener = listener;
        }

        final List<CompletableFuture<Event>> held = new CopyOnWriteArrayList<>();
        volatile boolean holdAnswers;

        @Override
        public CompletableFuture<Event> request(LongFunction<Command> command) {
            long id = ids.incrementAndGet();
            sent.add(command.apply(id));
            if (holdAnswers) {
                CompletableFuture<Event> answer = new CompletableFuture<>();
                held.add(answer);
                return answer;
            }
            return CompletableFuture.completedFuture(new Event.Ok(id));
        }

        @Override
        public void post(LongFunction<Command> command) {
            sent.add(command.apply(ids.incrementAndGet()));
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public boolean isDown() {
            return down;
        }

        @Override
        public void abort() {
            down = true;
        }

        /** As a socket that breaks: down first, then requests in flight fail, then the listener learns. */
        void drop() {
            down = true;
            held.forEach(answer -> answer.completeExceptionally(new ProviderException(ErrorCode.ILLEGAL_STATE, "lost")));
            listener.onConnectionLost(new ProviderException(ErrorCode.ILLEGAL_STATE, "dropped"));
        }

        List<Class<?>> kinds() {
            return sent.stream().<Class<?>>map(Object::getClass).toList();
        }
    }

    private final List<ScriptedLink> links = new CopyOnWriteArrayList<>();
    private final List<Event.Deliver> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> recovered = new CopyOnWriteArrayList<>();
    private final List<Long> revoked = new CopyOnWriteArrayList<>();
    private final List<ProviderException> lost = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;
    private FailoverProvider provider;

    private final ProviderListener connection = new ProviderListener() {
        @Override
        public void onDelivery(Event.Deliver delivery) {
            delivered.add(delivery);
        }

        @Override
        public void onSessionRecovered(long sessionId) {
            recovered.add(sessionId);
        }

        @Override
        public void onDeliveryRevoked(long consumerId, long deliveryId) {
            revoked.add(deliveryId);
        }

        @Override
        public void onConnectionLost(ProviderException cause) {
            lost.add(cause);
        }
    };

    @AfterEach
    void abort() {
        if (provider != null) {
            provider.abort();
        }
    }

    private FailoverProvider open(int maxAttempts) throws Exception {
        return open(maxAttempts, false);
    }

    private FailoverProvider open(int maxAttempts, boolean resendSends) throws Exception {
        FailoverProvider.Endpoint endpoint = new FailoverProvider.Endpoint("scripted", listener -> {
            if (!reachable) {
                throw new ProviderException(ErrorCode.ILLEGAL_STATE, "unreachable");
            }
            ScriptedLink link = new ScriptedLink(listener);
            links.add(link);
            return link;
        });
        provider = new FailoverProvider(List.of(endpoint), new FailoverSettings(10, 50, maxAttempts), 5_000,
                resendSends, connection);
        provider.request(id -> new Command.OpenConnection(id, "client", null, null)).get(5, TimeUnit.SECONDS);
        provider.request(id -> new Command.CreateSession(id, 1, AckMode.CLIENT)).get(5, TimeUnit.SECONDS);
        provider.request(id -> new Command.CreateConsumer(id, 1, 7, ConsumerSpec.of(DestinationName.queue("q")), 10))
                .get(5, TimeUnit.SECONDS);
        return provider;
    }

    private ScriptedLink link(int index) {
        await().atMost(Duration.ofSeconds(5)).until(() -> links.size() > index);
        return links.get(index);
    }

    @Test
    void commandsMadeWhileReconnectingFollowTheReplayInOrder() throws Exception {
        open(-1);
        reachable = false;
        link(0).drop();
        provider.post(id -> new Command.GrantCredit(id, 1, 7, 5));
        CompletableFuture<Event> ack = provider.request(id -> new Command.Acknowledge(id, 1, List.of()));
        reachable = true;

        ack.get(5, TimeUnit.SECONDS);
        assertThat(link(1).kinds()).containsExactly(Command.OpenConnection.class, Command.CreateSession.class,
                Command.CreateConsumer.class, Command.GrantCredit.class, Command.Acknowledge.class);
        assertThat(recovered).containsExactly(1L);
        assertThat(lost).isEmpty();
    }

    @Test
    void anAcknowledgmentInFlightWhenTheLinkDropsSucceedsButASendFails() throws Exception {
        open(-1);
        ScriptedLink first = link(0);
        first.holdAnswers = true;
        CompletableFuture<Event> ack = provider.request(id -> new Command.Acknowledge(id, 1, List.of()));
        CompletableFuture<Event> send = provider.request(id -> new Command.Send(id, 1, null));
        first.drop();

        assertThat(ack).succeedsWithin(Duration.ofSeconds(5));
        assertThat(send).failsWithin(Duration.ofSeconds(5));
    }

    /** jms.autoDuplicateId: persistent sends with a duplicate ID go again, in order, ahead of later commands. */
    @Test
    void persistentSendsWithADuplicateIdInFlightGoAgainOnTheNextLinkInOrder() throws Exception {
        open(-1, true);
        ScriptedLink first = link(0);
        first.holdAnswers = true;
        reachable = false;
        CompletableFuture<Event> one = provider.request(id -> new Command.Send(id, 1, message("1", true, true)));
        CompletableFuture<Event> two = provider.request(id -> new Command.Send(id, 1, message("2", true, true)));
        CompletableFuture<Event> nonPersistent = provider.request(id -> new Command.Send(id, 1, message("3", false, true)));
        CompletableFuture<Event> withoutId = provider.request(id -> new Command.Send(id, 1, message("4", true, false)));
        first.drop();
        CompletableFuture<Event> later = provider.request(id -> new Command.Send(id, 1, message("5", true, true)));
        reachable = true;

        assertThat(List.of(one, two, later)).allSatisfy(send -> assertThat(send).succeedsWithin(Duration.ofSeconds(5)));
        assertThat(nonPersistent).as("a broker keeps no duplicate IDs of non-persistent messages")
                .failsWithin(Duration.ofSeconds(5));
        assertThat(withoutId).failsWithin(Duration.ofSeconds(5));
        assertThat(link(1).sent).filteredOn(Command.Send.class::isInstance)
                .extracting(command -> ((Command.Send) command).message().messageId())
                .containsExactly("ID:1", "ID:2", "ID:5");
    }

    private static MessageRecord message(String id, boolean persistent, boolean duplicateId) {
        return new MessageRecord("ID:" + id, DestinationName.queue("q"), 0, null, null, null, persistent, 4, 0, 0,
                duplicateId ? Map.of("TernDuplicateId", "ID:" + id) : Map.of(), BodyType.TEXT, new byte[0]);
    }

    @Test
    void closedSessionsAndConsumersAreNotReplayed() throws Exception {
        open(-1);
        provider.request(id -> new Command.CloseConsumer(id, 1, 7, List.of())).get(5, TimeUnit.SECONDS);
        link(0).drop();

        await().atMost(Duration.ofSeconds(5)).until(() -> links.size() == 2 && link(1).sent.size() == 2);
        assertThat(link(1).kinds()).containsExactly(Command.OpenConnection.class, Command.CreateSession.class);
    }

    @Test
    void deliveryIdsStayUniqueAndThoseOfALostLinkAreLeftOutOfCommands() throws Exception {
        open(-1);
        link(0).listener.onDelivery(new Event.Deliver(7, 1, 1, null));
        long before = delivered.get(0).deliveryId();
        link(0).drop();
        link(1).listener.onDelivery(new Event.Deliver(7, 1, 1, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
        long after = delivered.get(1).deliveryId();
        assertThat(after).isNotEqualTo(before);

        provider.request(id -> new Command.Acknowledge(id, 1, List.of(before, after))).get(5, TimeUnit.SECONDS);
        Command.Acknowledge sent = (Command.Acknowledge) link(1).sent.get(link(1).sent.size() - 1);
        assertThat(sent.deliveryIds()).containsExactly(1L);
    }

    @Test
    void aRevokedDeliveryIsNamedByItsClientIdAndLeftOutOfLaterCommands() throws Exception {
        open(-1);
        link(0).listener.onDelivery(new Event.Deliver(7, 5, 1, null));
        link(0).listener.onDelivery(new Event.Deliver(7, 6, 1, null));
        long timedOut = delivered.get(0).deliveryId();
        long kept = delivered.get(1).deliveryId();
        link(0).listener.onDeliveryRevoked(7, 5);
        link(0).listener.onDeliveryRevoked(7, 99); // unknown: nothing to tell
        assertThat(revoked).containsExactly(timedOut);

        provider.request(id -> new Command.Acknowledge(id, 1, List.of(timedOut, kept))).get(5, TimeUnit.SECONDS);
        Command.Acknowledge sent = (Command.Acknowledge) link(0).sent.get(link(0).sent.size() - 1);
        assertThat(sent.deliveryIds()).containsExactly(6L);
    }

    @Test
    void aCommitOfMessagesFromALostLinkFailsAsRolledBack() throws Exception {
        open(-1);
        link(0).listener.onDelivery(new Event.Deliver(7, 1, 1, null));
        long consumed = delivered.get(0).deliveryId();
        link(0).drop();
        link(1);

        assertThatThrownBy(() -> provider.request(id -> new Command.Commit(id, 1, List.of(consumed))).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ProviderException.class)
                .extracting(e -> ((ProviderException) e).code()).isEqualTo(ErrorCode.TRANSACTION_ROLLED_BACK);
    }

    @Test
    void runningOutOfAttemptsTellsTheListenerOnceAndFailsWaitingCommands() throws Exception {
        open(3);
        reachable = false;
        CompletableFuture<Event> waiting = new CompletableFuture<>();
        link(0).drop();
        provider.request(id -> new Command.Acknowledge(id, 1, List.of())).whenComplete((event, error) -> {
            if (error != null) {
                waiting.completeExceptionally(error);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> lost.size() == 1);
        assertThat(lost.get(0)).hasMessageContaining("3 attempts");
        assertThat(waiting).failsWithin(Duration.ofSeconds(1));
        assertThat(provider.request(id -> new Command.QueryStatistics(id))).failsWithin(Duration.ofSeconds(1));
    }
}
