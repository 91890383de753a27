package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.BrokerException;
import dev.tern.broker.store.H2MessageStore;
import dev.tern.broker.store.InMemoryMessageStore;
import dev.tern.broker.store.MessageStore;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.ReplayFrom;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay into new subscriptions: where it starts, what it selects, and the seam with live messages.
 * Runs over a store in memory, which keeps retained messages as objects, and over H2, which reads them back.
 */
class ReplayTest {

    @TempDir
    Path dir;

    private RetentionFixture fixture(String store) {
        MessageStore messageStore = store.equals("h2") ? new H2MessageStore(dir, "replay") : new InMemoryMessageStore();
        return new RetentionFixture(messageStore);
    }

    private static void publishThree(RetentionFixture fixture) {
        fixture.publish("ID:1");
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.publish("ID:2");
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.publish("ID:3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void fromTheBeginningReplaysEverythingRetainedInOrderThenLiveMessages(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            publishThree(fixture);

            FakeConsumer consumer = fixture.replaying(ReplayFrom.BEGINNING);
            fixture.publish("ID:4");

            assertThat(consumer.names()).containsExactly("ID:1", "ID:2", "ID:3", "ID:4");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void fromATimestampReplaysMessagesStampedThenOrLater(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            publishThree(fixture);

            FakeConsumer consumer = fixture.replaying(
                    ReplayFrom.timestamp(Instant.parse("2026-11-01T00:01:00Z").toEpochMilli()));

            assertThat(consumer.names()).containsExactly("ID:2", "ID:3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void fromAMessageIdReplaysThatMessageAndTheRest(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            publishThree(fixture);

            assertThat(fixture.replaying(ReplayFrom.messageId("ID:2")).names()).containsExactly("ID:2", "ID:3");
            assertThatThrownBy(() -> fixture.replaying(ReplayFrom.messageId("ID:9")))
                    .isInstanceOf(BrokerException.class).hasMessageContaining("ID:9");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void theSelectorAndNoLocalApplyToReplayedMessages(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            fixture.publish("ID:red", Map.of("color", "red"));
            fixture.publish("ID:blue", Map.of("color", "blue"));
            fixture.commit(fixture.route("ID:mine", Map.of("color", "red"), true, 7));

            FakeConsumer consumer = fixture.subscribe(new ConsumerSpec(RetentionFixture.TOPIC, "color = 'red'", true,
                    null, false, false).withReplayFrom(ReplayFrom.BEGINNING), 7);

            assertThat(consumer.names()).containsExactly("ID:red");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aMessageRoutedBeforeTheSubscriptionAndJournaledAfterItsReplayArrivesOnce(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            fixture.publish("ID:1");
            Journal.RoutedMessage racing = fixture.route("ID:2", Map.of(), true, 0);

            FakeConsumer consumer = fixture.replaying(ReplayFrom.BEGINNING);
            fixture.commit(racing);
            fixture.publish("ID:3");

            assertThat(consumer.names()).containsExactly("ID:1", "ID:2", "ID:3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aDurableSubscriptionReattachedWithReplayHoldsExactlyTheReplay(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            ConsumerSpec durable = new ConsumerSpec(RetentionFixture.TOPIC, null, false, "audit", true, false);
            FakeConsumer first = fixture.subscribe(durable, 1);
            publishThree(fixture);
            fixture.acknowledge(first);
            fixture.subscriptions.detach(fixture.postOffice.queue("sub:client:audit"), first);
            fixture.publish("ID:4"); // waits on the subscription

            FakeConsumer again = fixture.subscribe(durable.withReplayFrom(ReplayFrom.messageId("ID:2")), 1);

            assertThat(again.names()).containsExactly("ID:2", "ID:3", "ID:4");
            assertThat(fixture.store.load().references().stream()
                    .filter(ref -> ref.queueName().equals("sub:client:audit")).count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void acknowledgingWhatTheReplacedSubscriptionDeliveredLeavesTheReplayIntact(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            ConsumerSpec durable = new ConsumerSpec(RetentionFixture.TOPIC, null, false, "audit", true, false);
            FakeConsumer first = fixture.subscribe(durable, 1);
            fixture.publish("ID:1");
            fixture.subscriptions.detach(fixture.postOffice.queue("sub:client:audit"), first);

            FakeConsumer again = fixture.subscribe(durable.withReplayFrom(ReplayFrom.BEGINNING), 1);
            fixture.acknowledge(first); // a session still held the old delivery, and acknowledges it now

            assertThat(again.names()).containsExactly("ID:1");
            assertThat(fixture.store.load().references().stream()
                    .filter(ref -> ref.queueName().equals("sub:client:audit")).count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aConsumerJoiningAnActiveSharedSubscriptionReplaysNothing(String store) {
        try (RetentionFixture fixture = fixture(store)) {
            ConsumerSpec shared = new ConsumerSpec(RetentionFixture.TOPIC, null, false, "workers", true, true);
            FakeConsumer first = fixture.subscribe(shared, 1);
            fixture.publish("ID:1");

            FakeConsumer second = fixture.subscribe(shared.withReplayFrom(ReplayFrom.BEGINNING), 2);

            assertThat(first.names()).containsExactly("ID:1");
            assertThat(second.names()).isEmpty();
        }
    }
}
