package dev.tern.interop;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
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

/**
 * Request-reply across protocols: a JMS requester puts a temporary queue in JMSReplyTo; a responder in another
 * protocol sends its answer to that address (AMQP through the anonymous relay, STOMP to the {@code reply-to} header),
 * correlated by the request's message ID, and the requester receives it.
 */
class RequestReplyInteropTest {

    private static InteropBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = InteropBroker.inMemory("interop-request-reply", Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Stream<Arguments> pairs() {
        return Stream.of(Clients.TERN_JMS, Clients.QPID_JMS).flatMap(requester -> Clients.all().stream()
                .filter(responder -> responder != requester)
                .map(responder -> Arguments.of(requester, responder)));
    }

    @ParameterizedTest(name = "{0} asks, {1} answers")
    @MethodSource("pairs")
    void theAnswerReachesTheRequestersTemporaryQueue(JmsClient requester, InteropClient responder) throws Exception {
        Clients.assumeAvailable(responder);
        Dest service = Dest.queue("prices." + requester.name() + "." + responder.name());
        InteropClient.Receiving responding = responder.startReceiving(broker, service,
                ReceiveOptions.count(1).flag("--reply"));
        responding.awaitReady(Duration.ofSeconds(15));
        try (Connection connection = requester.connect(broker, null)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            MessageProducer producer = session.createProducer(session.createQueue(service.name()));
            TextMessage request = session.createTextMessage("price of A-1?");
            request.setJMSReplyTo(replies);
            producer.send(request);

            List<Received> requests = responding.await();
            assertThat(requests).as("%s got the request", responder.name()).hasSize(1);
            Message reply = consumer.receive(10_000);
            assertThat(reply).as("a reply from %s on %s (an ordinary queue of that name holds %d)", responder.name(),
                    replies, broker.messageCount(replies.getQueueName())).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) reply).getText()).isEqualTo("re: price of A-1?");
            assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
            assertThat(reply.getStringProperty("responder")).isEqualTo(responder.name());
        }
    }
}
