package dev.tern.interop;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A durable subscription made over AMQP (durable source terminus, link name = subscription name, container-id =
 * client ID) keeps what is published while its subscriber is away, across a restart of a persistent broker. Each
 * script client runs twice: as Python and Node users write it (a container-id and nothing more, which Artemis and
 * ActiveMQ take as the client ID), and desiring the {@code sole-connection-for-container} capability as Qpid JMS does
 * when a client ID is set.
 */
class DurableSubscriptionInteropTest {

    static Stream<Arguments> subscribers() {
        return Stream.of(
                Arguments.of(Clients.QPID_JMS, "client ID set"),
                Arguments.of(Clients.PYTHON_AMQP, "container-id only"),
                Arguments.of(Clients.PYTHON_AMQP, "sole-connection-for-container"),
                Arguments.of(Clients.NODE_AMQP, "container-id only"),
                Arguments.of(Clients.NODE_AMQP, "sole-connection-for-container"));
    }

    @ParameterizedTest(name = "subscribed with {0}, {1}")
    @MethodSource("subscribers")
    void aDurableAmqpSubscriptionKeepsMessagesAcrossARestart(InteropClient subscriber, String clientIdBy,
            @TempDir Path dataDir) {
        Clients.assumeAvailable(subscriber);
        Dest topic = Dest.topic("prices");
        ReceiveOptions durable = ReceiveOptions.count(0).durable("interop-" + subscriber.name(), "prices-feed");
        if (clientIdBy.equals("sole-connection-for-container")) {
            durable = durable.flag("--sole-connection");
        }
        try (InteropBroker broker = InteropBroker.persistent("interop-durable-" + subscriber.name(), dataDir)) {
            assertThat(subscriber.receive(broker, topic, durable)).isEmpty();

            List<MessageSpec> sent = List.of(Samples.text(0, "tern-jms"),
                    MessageSpec.bytes(Samples.BYTES, Samples.properties(1, "tern-jms"), 8));
            Clients.TERN_JMS.send(broker, topic, sent);
            broker.restart();

            List<Received> received = subscriber.receive(broker, topic, new ReceiveOptions(sent.size(),
                    durable.timeout(), null, ReceiveOptions.Answer.ACK, durable.durableName(), durable.clientId(),
                    durable.flags()));
            assertThat(received).as("kept for %s across the restart", subscriber.name()).hasSize(sent.size());
            for (MessageSpec message : sent) {
                Expectations.assertArrived(message, Expectations.find(received, message), Clients.TERN_JMS, subscriber);
            }
        }
    }
}
