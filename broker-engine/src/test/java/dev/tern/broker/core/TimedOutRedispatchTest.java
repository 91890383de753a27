package dev.tern.broker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A message whose delivery timed out at a consumer goes to another consumer with room, even when the
 * round-robin would start with the first one, and back to the first one only if no other can take it.
 */
class TimedOutRedispatchTest {

    private final QueueFixture fixture = new QueueFixture();
    private final MessageQueue queue = fixture.queue;
    private final FakeConsumer slow = new FakeConsumer("slow", 1);
    private final FakeConsumer idle = new FakeConsumer("idle", 1);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aMessageThatTimedOutAtAConsumerGoesToAnotherWithRoom() {
        MessageRef job = takenAloneThenTimedOut();

        queue.returnRefs(List.of(job));

        assertThat(idle.names()).containsExactly("job");
        assertThat(slow.taken).isEmpty();
    }

    @Test
    void itGoesBackToTheConsumerItTimedOutAtWhenNoOtherHasRoom() {
        MessageRef job = takenAloneThenTimedOut();
        idle.credit = 0;

        queue.returnRefs(List.of(job));

        assertThat(slow.names()).containsExactly("job");
    }

    @Test
    void onceDeliveredAgainItIsOfferedInTheUsualRound() {
        MessageRef job = takenAloneThenTimedOut();
        queue.returnRefs(List.of(job));
        idle.giveBack();
        idle.credit = 1;

        queue.returnRefs(List.of(job)); // rolled back by the idle consumer: the round goes on from it

        assertThat(slow.names()).containsExactly("job");
    }

    /**
     * The slow consumer takes a job while alone, so the round starts with it again; the idle consumer
     * joins; the slow one's client gives the credit back as its application takes the job, which then
     * times out there.
     */
    private MessageRef takenAloneThenTimedOut() {
        queue.addConsumer(slow);
        fixture.send("job");
        queue.addConsumer(idle);
        slow.credit = 1;
        MessageRef job = slow.giveBack().get(0);
        job.timedOutAt(slow);
        return job;
    }
}
