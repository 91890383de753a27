package dev.tern.interop;

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
 * A message its consumer refuses (STOMP NACK in client-individual mode, AMQP rejected or modified as failed) is
 * delivered again, marked redelivered, until the policy's maxDeliveryAttempts, then waits on the DLQ intact.
 */
class DeadLetterInteropTest {

    static Stream<Arguments> refusers() {
        return Stream.of(
                Arguments.of(Clients.PYTHON_STOMP, ReceiveOptions.Answer.NACK),
                Arguments.of(Clients.PYTHON_AMQP, ReceiveOptions.Answer.NACK),
                Arguments.of(Clients.NODE_AMQP, ReceiveOptions.Answer.NACK),
                Arguments.of(Clients.PYTHON_AMQP, ReceiveOptions.Answer.MODIFIED));
    }

    @ParameterizedTest(name = "{0} answers {1}")
    @MethodSource("refusers")
    void aRefusedMessageEndsInTheDeadLetterQueue(InteropClient consumer, ReceiveOptions.Answer answer) {
        Clients.assumeAvailable(consumer);
        try (InteropBroker broker = InteropBroker.inMemory("interop-dlq-" + consumer.name() + "-" + answer,
                Map.of("poison.>.maxDeliveryAttempts", "2"))) {
            Dest queue = Dest.queue("poison." + consumer.name());
            MessageSpec sent = Samples.text(0, "tern-jms");
            Clients.TERN_JMS.send(broker, queue, List.of(sent));

            List<Received> deliveries = consumer.receive(broker, queue,
                    ReceiveOptions.count(2).answer(answer).timeout(Duration.ofSeconds(10)));

            assertThat(deliveries).as("%s refused each delivery", consumer.name()).hasSize(2);
            assertThat(deliveries).extracting(Received::redelivered).containsExactly(false, true);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(broker.messageCount(queue.name())).as("left on " + queue).isZero();
                assertThat(broker.messageCount("DLQ")).as("dead letters").isEqualTo(1);
            });
            List<Received> dead = Clients.TERN_JMS.receive(broker, Dest.queue("DLQ"), ReceiveOptions.count(1));
            assertThat(dead).hasSize(1);
            Expectations.assertArrived(sent, dead.get(0), Clients.TERN_JMS, Clients.TERN_JMS);
        }
    }
}
