package dev.tern.ra.glassfish.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ra.glassfish.Deployments;
import dev.tern.ra.glassfish.TestBroker;
import jakarta.ejb.EJB;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The infrastructure itself: GlassFish embedded runs an EJB that reaches the test JVM's broker. */
@ExtendWith(ArquillianExtension.class)
class GlassFishSmokeTest {

    @Deployment
    static WebArchive deployment() {
        return Deployments.webAppWithTernClient("smoke", PlainSender.class);
    }

    @EJB
    PlainSender sender;

    @Test
    void ejbSendsToTheTestBrokerWithThePlainClient() throws JMSException {
        String queue = TestBroker.uniqueName("smoke");

        sender.send(queue, "hello from GlassFish");

        Message received = TestBroker.receive(queue, Duration.ofSeconds(10));
        assertThat(received).isNotNull();
        assertThat(received.getBody(String.class)).isEqualTo("hello from GlassFish");
    }
}
