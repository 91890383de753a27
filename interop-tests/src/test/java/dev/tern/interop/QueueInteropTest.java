package dev.tern.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The matrix: each client sends text, bytes and map messages with properties and priorities to a queue that each
 * client (itself included) consumes; the bodies, properties and priorities arrive as sent, highest priority first.
 */
class QueueInteropTest {

    private static InteropBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = InteropBroker.inMemory("interop-queues", Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Stream<Arguments> pairs() {
        return Clients.all().stream().flatMap(s -> Clients.all().stream().map(r -> Arguments.of(s, r)));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("pairs")
    void bodiesPropertiesAndPrioritiesArriveAsSent(InteropClient sender, InteropClient receiver) {
        Clients.assumeAvailable(sender, receiver);
        Dest queue = Dest.queue("matrix." + sender.name() + ".to." + receiver.name());
        List<MessageSpec> sent = Samples.matrix(sender);

        sender.send(broker, queue, sent);
        // the messages wait on the queue already: a short timeout is plenty
        List<Received> received = receiver.receive(broker, queue,
                ReceiveOptions.count(sent.size()).timeout(Duration.ofSeconds(5)));

        assertThat(received).as("%s -> %s", sender.name(), receiver.name()).hasSize(sent.size());
        for (MessageSpec message : sent) {
            Expectations.assertArrived(message, Expectations.find(received, message), sender, receiver);
        }
        assertThat(received).extracting(Received::priority).as("waiting messages come highest priority first")
                .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(broker.messageCount(queue.name())).isZero());
    }
}
