package dev.tern.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ra.glassfish.TestBroker;
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
 * Outbound messaging through the adapter in WildFly: the connection factory and queue bound by the
 * adapter's {@code ironjacamar.xml}, injected into an EJB whose container-managed transaction (run by
 * WildFly's Narayana) decides whether the message is sent.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyOutboundTransactionTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return WildFlyDeployments.webApp("wf-outbound");
    }

    @ArquillianResource
    URL url;

    private Driver driver;

    @BeforeEach
    void driver() {
        driver = new Driver(url, WildFlySender.class.getSimpleName());
    }

    @Test
    void committedSendIsDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("wf.outbound.commit");

        driver.call("send", queue, "committed");

        assertThat(TestBroker.receive(queue, RECEIVE_TIMEOUT).getBody(String.class)).isEqualTo("committed");
    }

    @Test
    void sendToTheAdministeredQueueOfIronJacamarXmlIsDelivered() throws JMSException {
        driver.call("sendToDefinedQueue", "", "to the defined queue");

        Message received = TestBroker.receive(WildFlySender.QUEUE, RECEIVE_TIMEOUT);
        assertThat(received.getBody(String.class)).isEqualTo("to the defined queue");
    }

    @Test
    void sendInATransactionMarkedRollbackOnlyIsNeverDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("wf.outbound.rollback-only");

        driver.call("sendThenSetRollbackOnly", queue, "rolled back");
        driver.call("send", queue, "marker");

        assertOnlyMarkerArrives(queue);
    }

    @Test
    void sendInATransactionEndedByASystemExceptionIsNeverDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("wf.outbound.exception");

        assertThat(driver.call("sendThenFail", queue, "rolled back")).isEqualTo(DriverServlet.SYSTEM_EXCEPTION);
        driver.call("send", queue, "marker");

        assertOnlyMarkerArrives(queue);
    }

    /** The marker, committed after the rolled-back send, is the first and only message on the queue. */
    private static void assertOnlyMarkerArrives(String queue) throws JMSException {
        Message first = TestBroker.receive(queue, RECEIVE_TIMEOUT);
        assertThat(first).isNotNull();
        assertThat(first.getBody(String.class)).isEqualTo("marker");
        assertThat(TestBroker.broker().unacknowledgedCount(queue)).hasValue(0);
    }
}
