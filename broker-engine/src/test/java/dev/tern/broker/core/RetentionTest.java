package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.store.InMemoryMessageStore;
import dev.tern.broker.store.StoredState;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ReplayFrom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention logs: what they keep, and how the policy and the sweep trim them. */
class RetentionTest {

    private final RetentionFixture fixture = new RetentionFixture(new InMemoryMessageStore());

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<String> retainedIds() {
        return fixture.store.load().references().stream()
                .filter(ref -> ref.queueName().equals(RetentionLog.queueName("news")))
                .map(StoredState.StoredReference::messageId)
                .map(id -> fixture.store.load().messages().stream().filter(m -> m.messageId() == id)
                        .findFirst().orElseThrow().message().messageId())
                .toList();
    }

    @Test
    void retentionIsOffByDefault() {
        fixture.policies = dev.tern.broker.policy.AddressPolicies.NONE;
        fixture.publish("ID:1");

        assertThat(fixture.log()).isNull();
        assertThat(fixture.store.load().messages()).isEmpty();
    }

    @Test
    void keepsMessagesEverySubscriptionConsumed() {
        FakeConsumer consumer = fixture.subscribe(new ConsumerSpec(RetentionFixture.TOPIC, null, false, "s", true,
                false), 1);
        fixture.publish("ID:1");
        fixture.publish("ID:2");
        fixture.acknowledge(consumer);

        assertThat(fixture.log().count()).isEqualTo(2);
        assertThat(retainedIds()).containsExactly("ID:1", "ID:2");
    }

    @Test
    void theSweepDropsMessagesOlderThanRetentionMillis() {
        fixture.policy("retentionMillis", "60000");
        fixture.publish("ID:old");
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.publish("ID:young");
        fixture.clock.advance(Duration.ofSeconds(30));

        fixture.postOffice.retention().sweep();

        assertThat(fixture.log().count()).isEqualTo(1);
        assertThat(retainedIds()).containsExactly("ID:young");
        assertThat(fixture.store.load().messages()).hasSize(1);
    }

    @Test
    void publishingTrimsTheOldestBeyondRetentionMessages() {
        fixture.policy("retentionMessages", "3");
        for (int i = 1; i <= 5; i++) {
            fixture.publish("ID:" + i);
        }

        assertThat(fixture.log().count()).isEqualTo(3);
        assertThat(retainedIds()).containsExactly("ID:3", "ID:4", "ID:5");
    }

    @Test
    void publishingTrimsTheOldestBeyondRetentionBytes() {
        fixture.publish("ID:1");
        long oneMessage = fixture.log().bytes();
        fixture.policy("retentionBytes", String.valueOf(2 * oneMessage));
        fixture.publish("ID:2");
        fixture.publish("ID:3");

        assertThat(fixture.log().count()).isEqualTo(2);
        assertThat(fixture.log().bytes()).isEqualTo(2 * oneMessage);
        assertThat(retainedIds()).containsExactly("ID:2", "ID:3");
    }

    @Test
    void turningRetentionOffEmptiesTheLogOnTheNextSweep() {
        fixture.publish("ID:1");
        fixture.policy("retentionMillis", "0");
        fixture.publish("ID:2");

        fixture.postOffice.retention().sweep();

        assertThat(fixture.log().count()).isZero();
        assertThat(fixture.store.load().messages()).isEmpty();
    }

    @Test
    void aTrimmedMessageStaysForASubscriptionThatHasNotConsumedIt() {
        FakeConsumer consumer = fixture.subscribe(new ConsumerSpec(RetentionFixture.TOPIC, null, false, "s", true,
                false), 1);
        consumer.credit = 0;
        fixture.policy("retentionMessages", "1");
        fixture.publish("ID:1");
        fixture.publish("ID:2");

        assertThat(retainedIds()).containsExactly("ID:2");
        assertThat(fixture.store.load().messages()).hasSize(2);
    }

    @Test
    void retentionMillisTakesMinusOneForEverAndRefusesLess() {
        assertThat(fixture.policies.forAddress("news").get(dev.tern.broker.policy.PolicySettings.RETENTION_MILLIS))
                .isEqualTo(-1L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.policy("retentionMillis", "-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionMillis");
    }

    @Test
    void aPolicyChangeAppliesToTheNextPublish() {
        fixture.publish("ID:1");
        fixture.policy("retentionMessages", "1");
        fixture.publish("ID:2");

        assertThat(retainedIds()).containsExactly("ID:2");
    }

    @Test
    void temporaryTopicsRetainNothing() {
        DestinationName temporary = new DestinationName(dev.tern.protocol.DestinationType.TEMPORARY_TOPIC, "t1");
        fixture.policies = dev.tern.broker.policy.AddressPolicies.NONE.with(">", "retentionMillis", "-1");
        fixture.postOffice.createTemporary(temporary, 1);

        assertThat(fixture.postOffice.routed(temporary, new ServerMessage(1, new dev.tern.protocol.MessageRecord(
                "ID:1", temporary, 0, null, null, null, true, 4, 0, 0, null, dev.tern.protocol.BodyType.NONE, null), 1))
                .retention()).isNull();
    }

    @Test
    void aReplayFromAnUnretainedTopicFailsNamingThePolicy() {
        fixture.policies = dev.tern.broker.policy.AddressPolicies.NONE;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.replaying(ReplayFrom.BEGINNING))
                .hasMessageContaining("retentionMillis");
    }
}
