package dev.tern.ra.glassfish.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.ra.glassfish.Deployments;
import dev.tern.ra.glassfish.TestBroker;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outbound messaging through the adapter: a connection factory defined with
 * {@code @JMSConnectionFactoryDefinition(resourceAdapter = "tern-ra")}, injected with {@code @Resource}
 * into an EJB whose container-managed transaction decides whether the message is sent.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundTransactionTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Deployment
    static WebArchive deployment() {
        return Deployments.webAppWithTernAdapter("outbound", OutboundSender.class);
    }

    @EJB
    OutboundSender sender;

    @Test
    void committedSendIsDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("gf.outbound.commit");

        sender.send(queue, "committed");

        assertThat(TestBroker.receive(queue, RECEIVE_TIMEOUT).getBody(String.class)).isEqualTo("committed");
    }

    @Test
    void sendToAnAdministeredQueueDefinedByAnnotationIsDelivered() throws JMSException {
        sender.sendToDefinedQueue("to the defined queue");

        Message received = TestBroker.receive(OutboundSender.QUEUE, RECEIVE_TIMEOUT);
        assertThat(received.getBody(String.class)).isEqualTo("to the defined queue");
    }

    @Test
    void sendInATransactionMarkedRollbackOnlyIsNeverDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("gf.outbound.rollback-only");

        sender.sendThenSetRollbackOnly(queue, "rolled back");
        sender.send(queue, "marker");

        assertOnlyMarkerArrives(queue);
    }

    @Test
    void sendInATransactionEndedByASystemExceptionIsNeverDelivered() throws JMSException {
        String queue = TestBroker.uniqueName("gf.outbound.exception");

        assertThatThrownBy(() -> sender.sendThenFail(queue, "rolled back")).isInstanceOf(EJBException.class);
        sender.send(queue, "marker");

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
