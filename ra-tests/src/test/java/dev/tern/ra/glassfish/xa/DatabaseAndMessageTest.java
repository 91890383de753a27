package dev.tern.ra.glassfish.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.ra.glassfish.Deployments;
import dev.tern.ra.glassfish.TestBroker;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database row and a message in one XA transaction that GlassFish's transaction manager runs over
 * Derby and Tern's adapter: both happen, or neither.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseAndMessageTest {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Deployment
    static WebArchive deployment() {
        return Deployments.webAppWithTernAdapter("xa-orders", OrderService.class);
    }

    @EJB
    OrderService orders;

    @BeforeEach
    void createTable() throws SQLException {
        orders.createTable();
    }

    @Test
    void committedTransactionKeepsTheRowAndDeliversTheMessage() throws SQLException, JMSException {
        String queue = TestBroker.uniqueName("gf.xa.commit");

        orders.place("A-1", queue);

        assertThat(orders.count("A-1")).isEqualTo(1);
        assertThat(TestBroker.receive(queue, RECEIVE_TIMEOUT).getBody(String.class)).isEqualTo("order A-1");
    }

    @Test
    void transactionMarkedRollbackOnlyKeepsNeitherRowNorMessage() throws SQLException, JMSException {
        String queue = TestBroker.uniqueName("gf.xa.rollback-only");

        orders.placeThenSetRollbackOnly("B-1", queue);
        orders.place("B-2", queue);

        assertThat(orders.count("B-1")).isZero();
        assertOnlyMessage(queue, "order B-2");
    }

    @Test
    void failedDatabaseWriteTakesBackTheMessageSentBeforeIt() throws SQLException, JMSException {
        String queue = TestBroker.uniqueName("gf.xa.db-fails");
        orders.place("C-1", queue);
        assertThat(TestBroker.receive(queue, RECEIVE_TIMEOUT).getBody(String.class)).isEqualTo("order C-1");

        assertThatThrownBy(() -> orders.announceThenPlace("C-1", queue)).isInstanceOf(EJBException.class);
        orders.place("C-2", queue);

        assertThat(orders.count("C-1")).isEqualTo(1);
        assertOnlyMessage(queue, "order C-2");
    }

    private static void assertOnlyMessage(String queue, String text) throws JMSException {
        Message first = TestBroker.receive(queue, RECEIVE_TIMEOUT);
        assertThat(first).isNotNull();
        assertThat(first.getBody(String.class)).isEqualTo(text);
        assertThat(TestBroker.broker().unacknowledgedCount(queue)).hasValue(0);
    }
}
