package dev.tern.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A selector given in one protocol picks by properties set in another: the receiver takes the red messages and the
 * blue ones stay on the queue.
 */
class SelectorInteropTest {

    private static InteropBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = InteropBroker.inMemory("interop-selectors", Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static List<InteropClient> clients() {
        return Clients.all();
    }

    /** The next client after the receiver that can run here, so each protocol selects on another's properties. */
    private static InteropClient senderFor(InteropClient receiver) {
        List<InteropClient> all = Clients.all();
        int at = all.indexOf(receiver);
        return IntStream.range(1, all.size()).mapToObj(i -> all.get((at + i) % all.size()))
                .filter(c -> c.missing().isEmpty()).findFirst().orElse(receiver);
    }

    @ParameterizedTest(name = "selected by {0}")
    @MethodSource("clients")
    void theSelectorPicksOnlyMatchingMessagesAndLeavesTheRest(InteropClient receiver) {
        Clients.assumeAvailable(receiver);
        InteropClient sender = senderFor(receiver);
        Dest queue = Dest.queue("selector." + receiver.name());
        List<MessageSpec> sent = IntStream.range(0, 4).mapToObj(n -> Samples.text(n, sender.name())).toList();
        sender.send(broker, queue, sent);

        List<Received> received = receiver.receive(broker, queue,
                ReceiveOptions.count(2).selector("color = 'red' AND urgent IS NOT NULL"));

        assertThat(received).as("%s selecting among messages from %s", receiver.name(), sender.name())
                .extracting(r -> r.property("n")).containsExactly("0", "2");
        assertThat(received).extracting(r -> r.property("color")).containsOnly("red");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(broker.messageCount(queue.name())).as("the blue messages stay").isEqualTo(2));
    }
}
