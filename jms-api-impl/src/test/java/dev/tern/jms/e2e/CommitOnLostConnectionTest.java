package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A commit whose connection is lost: rolled back if the link was gone before the commit left, of
 * unknown outcome if it was cut while the commit was on its way; never an IllegalStateException.
 */
@Timeout(60)
class CommitOnLostConnectionTest {

    @TransportTest
    void aCommitAfterTheConnectionWasLostThrowsTransactionRolledBack(Transport transport) throws Exception {
        try (TestBroker broker = new TestBroker(transport)) {
            Session sender = broker.keepAlive.createSession(Session.AUTO_ACKNOWLEDGE);
            sender.createProducer(sender.createQueue("work")).send(sender.createTextMessage("job"));
            Connection connection = broker.startedConnection();
            CountDownLatch lost = new CountDownLatch(1);
            connection.setExceptionListener(e -> lost.countDown());
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            assertThat(session.createConsumer(session.createQueue("work")).receive(5_000)).isNotNull();

            broker.stopBroker();
            assertThat(lost.await(10, TimeUnit.SECONDS)).as("the ExceptionListener heard of the loss").isTrue();

            assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class)
                    .hasMessageContaining("rolled back");
            connection.close();
        }
    }

    @Test
    void aCommitCutOffByTheBrokerGoingAwaySaysItsOutcomeIsUnknown() throws Exception {
        try (TestBroker broker = new TestBroker(Transport.TCP);
                SilencingRelay relay = new SilencingRelay(broker.broker().tcpPort())) {
            Connection connection = new TernConnectionFactory("tcp://127.0.0.1:" + relay.port()).createConnection();
            connection.start();
            Session session = connection.createSession(Session.SESSION_TRANSACTED);
            Queue work = session.createQueue("work");
            MessageConsumer consumer = session.createConsumer(work);
            Session sender = broker.keepAlive.createSession(Session.AUTO_ACKNOWLEDGE);
            sender.createProducer(work).send(sender.createTextMessage("job"));
            assertThat(consumer.receive(5_000)).isNotNull();

            relay.silenceBroker();
            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    session.commit();
                } catch (JMSException e) {
                    throw new CompletionException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.broker().unacknowledgedCount("work").orElse(-1) == 0);
            broker.stopBroker();

            assertThat(commit).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isExactlyInstanceOf(JMSException.class)
                    .withMessageContaining("outcome")
                    .withMessageContaining("unknown");
            assertThatThrownBy(session::commit).as("nothing tells the unknown outcome as rolled back later")
                    .isInstanceOf(IllegalStateException.class);
            connection.close();
        }
    }
}
