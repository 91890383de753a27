package dev.tern.interop;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A durable subscription made over AMQP (terminus durability, link name = subscription name, container-id = client
 * ID) keeps what is published while its subscriber is away, across a restart of a persistent broker.
 */
class DurableSubscriptionInteropTest {

    static List<InteropClient> subscribers() {
        return Clients.amqp();
    }

    @ParameterizedTest(name = "subscribed with {0}")
    @MethodSource("subscribers")
    void aDurableAmqpSubscriptionKeepsMessagesAcrossARestart(InteropClient subscriber, @TempDir Path dataDir) {
        Clients.assumeAvailable(subscriber);
        Dest topic = Dest.topic("prices");
        ReceiveOptions durable = ReceiveOptions.count(0).durable("interop-" + subscriber.name(), "prices-feed");
        try (InteropBroker broker = InteropBroker.persistent("interop-durable-" + subscriber.name(), dataDir)) {
            assertThat(subscriber.receive(broker, topic, durable)).isEmpty();

            List<MessageSpec> sent = List.of(Samples.text(0, "tern-jms"),
                    MessageSpec.bytes(Samples.BYTES, Samples.properties(1, "tern-jms"), 8));
            Clients.TERN_JMS.send(broker, topic, sent);
            broker.restart();

            List<Received> received = subscriber.receive(broker, topic, ReceiveOptions.count(sent.size())
                    .durable(durable.clientId(), durable.durableName()));
            assertThat(received).as("kept for %s across the restart", subscriber.name()).hasSize(sent.size());
            for (MessageSpec message : sent) {
                Expectations.assertArrived(message, Expectations.find(received, message), Clients.TERN_JMS, subscriber);
            }
        }
    }
}
