package dev.tern.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ra.glassfish.TestBroker;
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
 * A database row and a message in one XA transaction that WildFly's transaction manager (Narayana) runs
 * over H2 and Tern's adapter: both happen, or neither.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyDatabaseAndMessageTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return WildFlyDeployments.webApp("wf-xa-orders", List.of(WildFlyOrderService.H2_MODULE), WildFlyOrderService.class);
    }

    @ArquillianResource
    URL url;

    private Driver driver;

    @BeforeEach
    void createTable() {
        driver = new Driver(url, WildFlyOrderService.class.getSimpleName());
        driver.call("createTable", "", "");
    }

    @Test
    void committedTransactionKeepsTheRowAndDeliversTheMessage() throws JMSException {
        String queue = TestBroker.uniqueName("wf.xa.commit");

        driver.call("place", queue, "A-1");

        assertThat(driver.call("count", "", "A-1")).isEqualTo("1");
        assertThat(TestBroker.receive(queue, RECEIVE_TIMEOUT).getBody(String.class)).isEqualTo("order A-1");
    }

    @Test
    void transactionMarkedRollbackOnlyKeepsNeitherRowNorMessage() throws JMSException {
        String queue = TestBroker.uniqueName("wf.xa.rollback-only");

        driver.call("placeThenSetRollbackOnly", queue, "B-1");
        driver.call("place", queue, "B-2");

        assertThat(driver.call("count", "", "B-1")).isEqualTo("0");
        assertOnlyMessage(queue, "order B-2");
    }

    @Test
    void failedDatabaseWriteTakesBackTheMessageSentBeforeIt() throws JMSException {
        String queue = TestBroker.uniqueName("wf.xa.db-fails");
        driver.call("place", queue, "C-1");
        assertThat(TestBroker.receive(queue, RECEIVE_TIMEOUT).getBody(String.class)).isEqualTo("order C-1");

        assertThat(driver.call("announceThenPlace", queue, "C-1")).isEqualTo(DriverServlet.SYSTEM_EXCEPTION);
        driver.call("place", queue, "C-2");

        assertThat(driver.call("count", "", "C-1")).isEqualTo("1");
        assertOnlyMessage(queue, "order C-2");
    }

    private static void assertOnlyMessage(String queue, String text) throws JMSException {
        Message first = TestBroker.receive(queue, RECEIVE_TIMEOUT);
        assertThat(first).isNotNull();
        assertThat(first.getBody(String.class)).isEqualTo(text);
        assertThat(TestBroker.broker().unacknowledgedCount(queue)).hasValue(0);
    }
}
