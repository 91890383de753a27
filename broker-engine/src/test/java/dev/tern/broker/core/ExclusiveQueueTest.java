package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An exclusive queue delivers to one consumer at a time; a standby takes over, in order, when it goes. */
class ExclusiveQueueTest {

    private final QueueFixture fixture = new QueueFixture();
    private final MessageQueue queue = fixture.queue;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theOldestConsumerReceivesEverythingWhenThePolicySaysExclusive() {
        fixture.policies = fixture.policies.with("q", "exclusive", "true");
        FakeConsumer first = new FakeConsumer("first", 100);
        FakeConsumer second = new FakeConsumer("second", 100);
        queue.addConsumer(first);
        queue.addConsumer(second);
        fixture.send("a");
        fixture.send("b");
        fixture.send("c");
        assertThat(first.names()).containsExactly("a", "b", "c");
        assertThat(second.taken).isEmpty();
    }

    @Test
    void aConsumerAskingForExclusivityIsPreferredOverOlderOnes() {
        FakeConsumer plain = new FakeConsumer("plain", 100);
        FakeConsumer asking = new FakeConsumer("asking", 100, true);
        queue.addConsumer(plain);
        queue.addConsumer(asking);
        fixture.send("a");
        fixture.send("b");
        assertThat(asking.names()).containsExactly("a", "b");
        assertThat(plain.taken).isEmpty();
    }

    @Test
    void messagesWaitWhileTheActiveConsumerIsBusyEvenIfStandbysHaveRoom() {
        fixture.policies = fixture.policies.with("q", "exclusive", "true");
        FakeConsumer active = new FakeConsumer("active", 1);
        FakeConsumer standby = new FakeConsumer("standby", 100);
        queue.addConsumer(active);
        queue.addConsumer(standby);
        fixture.send("a");
        fixture.send("b");
        assertThat(active.names()).containsExactly("a");
        assertThat(standby.taken).isEmpty();
        assertThat(queue.messageCount()).isEqualTo(1);
    }

    @Test
    void aStandbyTakesOverInOrderWithTheMessagesTheActiveOneHeldFirst() {
        fixture.policies = fixture.policies.with("q", "exclusive", "true");
        FakeConsumer active = new FakeConsumer("active", 2);
        FakeConsumer standby = new FakeConsumer("standby", 100);
        queue.addConsumer(active);
        queue.addConsumer(standby);
        for (String name : new String[] {"a", "b", "c", "d"}) {
            fixture.send(name);
        }
        assertThat(active.names()).containsExactly("a", "b");

        queue.returnRefs(active.giveBack());
        queue.removeConsumer(active);

        assertThat(standby.names()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void theActiveConsumerStaysActiveWhenAConsumerAskingForExclusivityArrivesLater() {
        fixture.policies = fixture.policies.with("q", "exclusive", "true");
        FakeConsumer first = new FakeConsumer("first", 100);
        queue.addConsumer(first);
        fixture.send("a");
        FakeConsumer asking = new FakeConsumer("asking", 100, true);
        queue.addConsumer(asking);
        fixture.send("b");
        assertThat(first.names()).containsExactly("a", "b");

        queue.removeConsumer(first);
        fixture.send("c");
        assertThat(asking.names()).containsExactly("c");
    }

    @Test
    void turningThePolicyOffGoesBackToRoundRobin() {
        fixture.policies = fixture.policies.with("q", "exclusive", "true");
        FakeConsumer first = new FakeConsumer("first", 100);
        FakeConsumer second = new FakeConsumer("second", 100);
        queue.addConsumer(first);
        queue.addConsumer(second);
        fixture.send("a");
        fixture.policies = fixture.policies.with("q", "exclusive", "false");
        fixture.send("b");
        fixture.send("c");
        assertThat(first.names()).containsExactly("a", "b");
        assertThat(second.names()).containsExactly("c");
    }
}
