package dev.tern.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Receipts go out in the order of their frames, each only once the answers it waits for have come. */
class InOrderTest {

    private final List<String> written = new ArrayList<>();
    private final InOrder inOrder = new InOrder(written::add);

    @Test
    void aReceiptWaitsForItsAnswersAndForEveryEarlierFrame() {
        InOrder.Step first = inOrder.start("r1").hold();
        first.release();
        InOrder.Step second = inOrder.start("r2").hold();
        second.release();
        assertThat(written).isEmpty();

        second.release(); // answered before the first
        assertThat(written).isEmpty();

        first.release();
        assertThat(written).containsExactly("r1", "r2");
    }

    @Test
    void afterAllRunsOnceEveryEarlierStepIsDone() {
        InOrder.Step send = inOrder.start(null).hold();
        send.release();
        List<String> ran = new ArrayList<>();
        inOrder.afterAll(() -> ran.add("disconnect"));
        assertThat(ran).isEmpty();

        send.release();
        assertThat(ran).containsExactly("disconnect");
    }

    @Test
    void aStepWithNothingToWaitForIsDoneWhenReleased() {
        inOrder.start("begin").release();
        assertThat(written).containsExactly("begin");
    }
}
