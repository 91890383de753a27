package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that speaks plain AMQP as Python and Node clients do: prefixes instead of capabilities, durable links by name. */
class AmqpPlainClientTest extends AmqpBrokerSupport {

    @BeforeEach
    void start() {
        startBroker();
    }

    @Test
    void anAddressWithoutCapabilityIsAQueueSharedWithJms() throws Exception {
        try (ProtonClient client = new ProtonClient(amqpPort(), "plain-1")) {
            client.send("greetings", "hello from proton");
        }
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue("greetings"));
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("hello from proton");
            session.createProducer(session.createQueue("answers")).send(session.createTextMessage("hello from jms"));
        }
        try (ProtonClient client = new ProtonClient(amqpPort(), "plain-2")) {
            assertThat(client.receive("answers-link", "answers", false, 1)).containsExactly("hello from jms");
        }
    }

    @Test
    void aSendingLinkWithNoTargetRelaysEachMessageToItsOwnAddress() throws Exception {
        try (ProtonClient client = new ProtonClient(amqpPort(), "rhea-like")) {
            client.sendWithoutTarget("relayed", "no target, only a to");
        }
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = session.createConsumer(session.createQueue("relayed"));
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("no target, only a to");
        }
    }

    @Test
    void aDurableLinkOnATopicAddressIsASubscriptionOfTheContainer() throws Exception {
        try (ProtonClient client = new ProtonClient(amqpPort(), "python-worker")) {
            assertThat(client.receive("audit-sub", "topic://audit", true, 1, 300)).isEmpty();
        }
        try (ProtonClient publisher = new ProtonClient(amqpPort(), "publisher")) {
            publisher.send("topic://audit", "recorded while away");
        }
        try (ProtonClient client = new ProtonClient(amqpPort(), "python-worker")) {
            assertThat(client.receive("audit-sub", "topic://audit", true, 1)).containsExactly("recorded while away");
            client.deleteSubscription("audit-sub", "topic://audit");
        }
        try (ProtonClient publisher = new ProtonClient(amqpPort(), "publisher")) {
            publisher.send("topic://audit", "after the subscription was deleted");
        }
        try (ProtonClient client = new ProtonClient(amqpPort(), "python-worker")) {
            assertThat(client.receive("audit-sub", "topic://audit", true, 1, 300)).isEmpty();
        }
    }

    @Test
    void aSelectorTheBrokerCannotParseRefusesTheAttachWithInvalidField() throws Exception {
        try (ProtonClient client = new ProtonClient(amqpPort(), "selective")) {
            var refusal = client.attachWithSelector("bad-selector", "selected", "price >< 3");
            assertThat(refusal).isNotNull();
            assertThat(refusal.getCondition().toString()).isEqualTo("amqp:invalid-field");
            assertThat(client.attachWithSelector("good-selector", "selected", "price > 3")).isNull();
        }
    }
}
