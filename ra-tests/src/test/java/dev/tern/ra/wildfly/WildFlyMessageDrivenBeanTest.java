package dev.tern.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.ra.glassfish.Inbox.Delivery;
import dev.tern.ra.glassfish.TestBroker;
import dev.tern.ra.glassfish.inbound.FailingListener;
import dev.tern.ra.glassfish.inbound.RecordingListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GlassFish's test message-driven beans in WildFly, bound to Tern's adapter through {@code jboss-ejb3.xml}
 * and fed by the plain client in the test JVM; what they saw is read back through {@link DriverServlet}.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyMessageDrivenBeanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return WildFlyDeployments.webApp("wf-inbound", RecordingListener.class, FailingListener.class);
    }

    @ArquillianResource
    URL url;

    private Driver driver;

    @BeforeEach
    void driver() {
        driver = new Driver(url, WildFlySender.class.getSimpleName());
    }

    @Test
    void mdbReceivesFromTheQueueNamedInItsDestination() {
        TestBroker.send(RecordingListener.QUEUE, "hello MDB");

        Delivery delivery = driver.next("RecordingListener", TIMEOUT);
        assertThat(delivery).isNotNull();
        assertThat(delivery.text()).isEqualTo("hello MDB");
        assertThat(delivery.redelivered()).isFalse();
        await().atMost(TIMEOUT).until(() -> TestBroker.broker().unacknowledgedCount(RecordingListener.QUEUE).orElse(-1) == 0);
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
        List<Delivery> attempts = driver.all("FailingListener");
        assertThat(attempts).extracting(Delivery::text).containsExactly("poison", "poison", "poison");
        assertThat(attempts).extracting(Delivery::redelivered).containsExactly(false, true, true);
        assertThat(attempts).extracting(Delivery::deliveryCount).containsExactly(1, 2, 3);
        assertThat(broker.unacknowledgedCount(FailingListener.QUEUE)).hasValue(0);
    }
}
