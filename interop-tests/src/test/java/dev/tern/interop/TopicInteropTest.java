package dev.tern.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A topic fans out to one subscriber per client, whatever protocol the publisher speaks. */
class TopicInteropTest {

    private static InteropBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = InteropBroker.inMemory("interop-topics", Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static List<InteropClient> clients() {
        return Clients.all();
    }

    @ParameterizedTest(name = "published by {0}")
    @MethodSource("clients")
    void everySubscriberGetsEveryMessage(InteropClient publisher) {
        Clients.assumeAvailable(publisher);
        Dest topic = Dest.topic("fanout." + publisher.name());
        List<MessageSpec> sent = List.of(Samples.text(0, publisher.name()),
                MessageSpec.bytes(Samples.BYTES, Samples.properties(1, publisher.name()), 6));
        Map<InteropClient, InteropClient.Receiving> subscribers = new LinkedHashMap<>();
        for (InteropClient subscriber : Clients.all()) {
            if (subscriber.missing().isEmpty()) {
                subscribers.put(subscriber, subscriber.startReceiving(broker, topic, ReceiveOptions.count(sent.size())));
            }
        }
        subscribers.values().forEach(s -> s.awaitReady(Duration.ofSeconds(15)));

        publisher.send(broker, topic, sent);

        subscribers.forEach((subscriber, receiving) -> {
            List<Received> received = receiving.await();
            assertThat(received).as("%s subscribed, %s published", subscriber.name(), publisher.name())
                    .hasSize(sent.size());
            for (MessageSpec message : sent) {
                Expectations.assertArrived(message, Expectations.find(received, message), publisher, subscriber);
            }
        });
    }
}
