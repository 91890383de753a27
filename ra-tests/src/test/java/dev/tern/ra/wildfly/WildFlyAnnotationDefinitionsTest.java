package dev.tern.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.ra.glassfish.Inbox.Delivery;
import dev.tern.ra.glassfish.TestBroker;
import dev.tern.ra.glassfish.inbound.ForwardingListener;
import dev.tern.ra.glassfish.inbound.LookupListener;
import dev.tern.ra.glassfish.outbound.OutboundSender;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GlassFish's beans that define their connection factories and queues with
 * {@code @JMSConnectionFactoryDefinition}/{@code @JMSDestinationDefinition(resourceAdapter = "tern-ra")},
 * in WildFly: the application, not ironjacamar.xml, creates the pools and administered objects.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyAnnotationDefinitionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return WildFlyDeployments.webApp("wf-annotations", OutboundSender.class, ForwardingListener.class, LookupListener.class);
    }

    @ArquillianResource
    URL url;

    private Driver driver;

    @BeforeEach
    void driver() {
        driver = new Driver(url, OutboundSender.class.getSimpleName());
    }

    @Test
    void committedSendThroughAFactoryDefinedByAnnotationIsDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("wf.annotations.commit");

        driver.call("send", queue, "committed");

        assertThat(TestBroker.receive(queue, TIMEOUT).getBody(String.class)).isEqualTo("committed");
    }

    @Test
    void sendToAQueueDefinedByAnnotationIsDelivered() throws JMSException {
        driver.call("sendToDefinedQueue", "", "to the defined queue");

        assertThat(TestBroker.receive(OutboundSender.QUEUE, TIMEOUT).getBody(String.class)).isEqualTo("to the defined queue");
    }

    @Test
    void sendInATransactionMarkedRollbackOnlyIsNeverDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("wf.annotations.rollback-only");

        driver.call("sendThenSetRollbackOnly", queue, "rolled back");
        driver.call("send", queue, "marker");

        Message first = TestBroker.receive(queue, TIMEOUT);
        assertThat(first.getBody(String.class)).isEqualTo("marker");
        assertThat(TestBroker.broker().unacknowledgedCount(queue)).hasValue(0);
    }

    @Test
    void mdbReceivesFromTheQueueFoundByItsDestinationLookup() {
        TestBroker.send(LookupListener.QUEUE, "looked up");

        Delivery delivery = driver.next("LookupListener", TIMEOUT);
        assertThat(delivery).isNotNull();
        assertThat(delivery.text()).isEqualTo("looked up");
    }

    @Test
    void mdbForwardsInTheTransactionOfTheDeliverySoAFailedAttemptForwardsNothing() throws JMSException {
        TestBroker.send(ForwardingListener.IN, "fail-first order");

        Message forwarded = TestBroker.receive(ForwardingListener.OUT, TIMEOUT);
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.getBody(String.class)).isEqualTo("forwarded fail-first order");
        assertThat(driver.all("ForwardingListener")).extracting(Delivery::redelivered).containsExactly(false, true);
        await().atMost(TIMEOUT).until(() -> TestBroker.broker().unacknowledgedCount(ForwardingListener.IN).orElse(-1) == 0);
        assertThat(TestBroker.broker().unacknowledgedCount(ForwardingListener.OUT)).hasValue(0);
    }
}
