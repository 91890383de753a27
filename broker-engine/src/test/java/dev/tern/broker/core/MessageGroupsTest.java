package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message groups: one consumer at a time per JMSXGroupID, in order, moving on only when the owner goes. */
class MessageGroupsTest {

    private final QueueFixture fixture = new QueueFixture();
    private final MessageQueue queue = fixture.queue;
    private final FakeConsumer a = new FakeConsumer("a", 100);
    private final FakeConsumer b = new FakeConsumer("b", 100);

    @AfterEach
    void close() {
        fixture.close();
    }

    private MessageRef send(String name, String group) {
        return fixture.send(name, Map.of(MessageGroups.GROUP_ID, group));
    }

    private MessageRef send(String name, String group, int seq) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(MessageGroups.GROUP_ID, group);
        properties.put(MessageGroups.GROUP_SEQ, seq);
        return fixture.send(name, properties);
    }

    @Test
    void everyMessageOfAGroupGoesToTheConsumerThatTookItsFirst() {
        queue.addConsumer(a);
        queue.addConsumer(b);
        send("x1", "x");
        send("y1", "y");
        send("x2", "x");
        send("x3", "x");
        fixture.send("plain1");
        send("y2", "y");
        fixture.send("plain2");
        assertThat(a.names()).containsExactly("x1", "x2", "x3", "plain1");
        assertThat(b.names()).containsExactly("y1", "y2", "plain2");
        assertThat(queue.ownedGroupCount()).isEqualTo(2);
    }

    @Test
    void aGroupWaitsForItsBusyOwnerWhileOthersHaveRoom() {
        a.credit = 1;
        queue.addConsumer(a);
        queue.addConsumer(b);
        send("x1", "x");
        send("x2", "x");
        fixture.send("plain");
        assertThat(a.names()).containsExactly("x1");
        assertThat(b.names()).containsExactly("plain");

        a.credit = 1;
        queue.scheduleDispatch();
        assertThat(a.names()).containsExactly("x1", "x2");
    }

    @Test
    void creditArrivingDuringADispatchRunDoesNotLetALaterMessageOfTheGroupOvertake() {
        a.credit = 1;
        queue.addConsumer(a);
        send("x1", "x");
        send("x2", "x");
        send("x3", "x");
        assertThat(a.names()).containsExactly("x1");

        a.onBusy = () -> a.credit = 10;
        queue.scheduleDispatch();
        assertThat(a.names()).as("x2 met no credit; x3 may not pass it").containsExactly("x1");
        queue.scheduleDispatch();
        assertThat(a.names()).containsExactly("x1", "x2", "x3");
    }

    @Test
    void theGroupMovesWhenItsOwnerLeavesAndWhatItHeldComesFirst() {
        a.credit = 2;
        queue.addConsumer(a);
        queue.addConsumer(b);
        send("x1", "x");
        send("x2", "x");
        send("x3", "x");
        assertThat(a.names()).containsExactly("x1", "x2");
        assertThat(b.taken).isEmpty();

        queue.returnRefs(a.giveBack());
        queue.removeConsumer(a);

        assertThat(b.names()).containsExactly("x1", "x2", "x3");
        assertThat(queue.ownedGroupCount()).isEqualTo(1);
    }

    @Test
    void returnedMessagesGoBackToTheOwnerInOrder() {
        a.credit = 2;
        queue.addConsumer(a);
        queue.addConsumer(b);
        send("x1", "x");
        send("x2", "x");
        send("x3", "x");
        java.util.List<MessageRef> held = a.giveBack();
        a.credit = 3;
        queue.returnRefs(held);
        assertThat(a.names()).containsExactly("x1", "x2", "x3");
        assertThat(b.taken).isEmpty();
    }

    @Test
    void aNegativeGroupSequenceClosesTheGroupAfterItsMessage() {
        queue.addConsumer(a);
        queue.addConsumer(b);
        send("x1", "x", 1);
        send("x2", "x", -1);
        assertThat(queue.ownedGroupCount()).isZero();
        send("x3", "x", 1);
        send("x4", "x", 2);
        assertThat(a.names()).containsExactly("x1", "x2");
        assertThat(b.names()).as("a new group: round-robin picked b, who keeps it").containsExactly("x3", "x4");
    }

    @Test
    void aGroupMessageNoConsumerSelectsDoesNotHoldBackTheRest() {
        a.wants = ref -> !ref.message().record().messageId().equals("x1");
        queue.addConsumer(a);
        send("x1", "x");
        send("x2", "x");
        assertThat(a.names()).containsExactly("x2");
        assertThat(queue.messageCount()).isEqualTo(1);
    }

    @Test
    void anExclusiveQueueIgnoresGroups() {
        fixture.policies = fixture.policies.with("q", "exclusive", "true");
        queue.addConsumer(a);
        queue.addConsumer(b);
        send("x1", "x");
        send("y1", "y");
        assertThat(a.names()).containsExactly("x1", "y1");
        assertThat(queue.ownedGroupCount()).isZero();
    }
}
