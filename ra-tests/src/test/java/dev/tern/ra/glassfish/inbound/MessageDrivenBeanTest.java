package dev.tern.ra.glassfish.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.ra.glassfish.Deployments;
import dev.tern.ra.glassfish.Inbox;
import dev.tern.ra.glassfish.Inbox.Delivery;
import dev.tern.ra.glassfish.TestBroker;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Message-driven beans bound to Tern's adapter through {@code glassfish-ejb-jar.xml}, fed by the plain
 * client: plain delivery, destination lookup, redelivery into the dead-letter queue, and a forward in
 * the delivery's own transaction.
 */
@ExtendWith(ArquillianExtension.class)
class MessageDrivenBeanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Deployment
    static WebArchive deployment() {
        return Deployments.webAppWithTernAdapter("inbound",
                RecordingListener.class, LookupListener.class, FailingListener.class, ForwardingListener.class);
    }

    @Test
    void mdbReceivesFromTheQueueNamedInItsDestination() throws InterruptedException {
        TestBroker.send(RecordingListener.QUEUE, "hello MDB");

        Delivery delivery = Inbox.next("RecordingListener", TIMEOUT);
        assertThat(delivery).isNotNull();
        assertThat(delivery.text()).isEqualTo("hello MDB");
        assertThat(delivery.redelivered()).isFalse();
        await().atMost(TIMEOUT).until(() -> TestBroker.broker().unacknowledgedCount(RecordingListener.QUEUE).orElse(-1) == 0);
    }

    @Test
    void mdbReceivesFromTheQueueFoundByItsDestinationLookup() throws InterruptedException {
        TestBroker.send(LookupListener.QUEUE, "looked up");

        Delivery delivery = Inbox.next("LookupListener", TIMEOUT);
        assertThat(delivery).isNotNull();
        assertThat(delivery.text()).isEqualTo("looked up");
    }

    @Test
    void failingMdbGetsTheMessageRedeliveredUntilItEndsInTheDeadLetterQueue() throws JMSException {
        Broker broker = TestBroker.broker();
        broker.setPolicy(FailingListener.QUEUE, "maxDeliveryAttempts", "3");
        broker.setPolicy(FailingListener.QUEUE, "deadLetterQueue", FailingListener.DEAD_LETTERS);

        TestBroker.send(FailingListener.QUEUE, "poison");

        Message dead = TestBroker.receive(FailingListener.DEAD_LETTERS, TIMEOUT);
        assertThat(dead).as("message in the dead-letter queue").isNotNull();
        assertThat(dead.getBody(String.class)).isEqualTo("poison");
        List<Delivery> attempts = Inbox.all("FailingListener");
        assertThat(attempts).extracting(Delivery::text).containsExactly("poison", "poison", "poison");
        assertThat(attempts).extracting(Delivery::redelivered).containsExactly(false, true, true);
        assertThat(attempts).extracting(Delivery::deliveryCount).containsExactly(1, 2, 3);
        assertThat(broker.unacknowledgedCount(FailingListener.QUEUE)).hasValue(0);
    }

    @Test
    void mdbForwardsInTheTransactionOfTheDeliverySoAFailedAttemptForwardsNothing() throws JMSException {
        TestBroker.send(ForwardingListener.IN, "fail-first order");

        Message forwarded = TestBroker.receive(ForwardingListener.OUT, TIMEOUT);
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.getBody(String.class)).isEqualTo("forwarded fail-first order");
        assertThat(Inbox.all("ForwardingListener")).extracting(Delivery::redelivered).containsExactly(false, true);
        await().atMost(TIMEOUT).until(() -> TestBroker.broker().unacknowledgedCount(ForwardingListener.IN).orElse(-1) == 0);
        assertThat(TestBroker.broker().unacknowledgedCount(ForwardingListener.OUT)).hasValue(0);
    }
}
