package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnitQueueTest {

    private final UnitQueue queue = new UnitQueue();

    @Test
    void groupStopsAtTheUnitLimit() {
        for (int i = 0; i < 5; i++) {
            queue.offer(emptyUnit());
        }

        assertThat(queue.takeGroup(3, Long.MAX_VALUE)).hasSize(3);
        assertThat(queue.takeGroup(3, Long.MAX_VALUE)).hasSize(2);
    }

    @Test
    void groupStopsAtTheByteBudgetButAlwaysTakesOneUnit() {
        PendingUnit big = bigUnit(10_000);
        queue.offer(big);
        queue.offer(bigUnit(10_000));

        assertThat(queue.takeGroup(100, 1_000)).containsExactly(big);
        assertThat(queue.takeGroup(100, 1_000)).hasSize(1);
    }

    @Test
    void closedQueueRefusesUnitsButHandsOutThoseQueued() {
        PendingUnit queued = emptyUnit();
        queue.offer(queued);

        assertThat(queue.close()).isTrue();
        assertThat(queue.close()).isFalse();
        assertThat(queue.offer(emptyUnit())).isFalse();
        assertThat(queue.takeGroup(10, Long.MAX_VALUE)).containsExactly(queued);
        assertThat(queue.takeGroup(10, Long.MAX_VALUE)).isEmpty();
    }

    private static PendingUnit emptyUnit() {
        return PendingUnit.of(List.of(new StoreOp.RemoveQueue("q")), false);
    }

    private static PendingUnit bigUnit(int bodySize) {
        return PendingUnit.of(List.of(new StoreOp.AddMessage(1, TestMessages.withBody("q", bodySize, new Random(1)))), false);
    }
}
