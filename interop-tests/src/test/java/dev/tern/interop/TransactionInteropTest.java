package dev.tern.interop;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AMQP transactions (the coordinator link) and STOMP's BEGIN/COMMIT/ABORT are local transactions: a rollback sends
 * nothing and gives back what was received, a commit delivers to consumers of any protocol.
 */
class TransactionInteropTest {

    private static InteropBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = InteropBroker.inMemory("interop-transactions", Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void qpidJmsSendsRolledBackNeverArriveAndCommittedOnesDo() throws Exception {
        Dest queue = Dest.queue("tx.qpid.sends");
        try (Connection connection = Clients.QPID_JMS.connect(broker, null)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue.name()));
            producer.send(JmsClient.toMessage(session, Samples.text(0, "qpid-jms")));
            producer.send(JmsClient.toMessage(session, Samples.text(1, "qpid-jms")));
            session.rollback();
            assertThat(broker.messageCount(queue.name())).as("after the rollback").isZero();
            producer.send(JmsClient.toMessage(session, Samples.text(2, "qpid-jms")));
            session.commit();
        }
        assertThat(broker.messageCount(queue.name())).as("after the commit").isEqualTo(1);
        InteropClient receiver = Clients.PYTHON_STOMP.missing().isEmpty() ? Clients.PYTHON_STOMP : Clients.TERN_JMS;
        List<Received> received = receiver.receive(broker, queue, ReceiveOptions.count(1));
        assertThat(received).extracting(r -> r.property("n")).containsExactly("2");
    }

    @Test
    void aReceiveRolledBackOverAmqpIsRedeliveredToAnotherProtocol() throws Exception {
        Dest queue = Dest.queue("tx.qpid.receives");
        MessageSpec sent = Samples.text(0, "tern-jms");
        Clients.TERN_JMS.send(broker, queue, List.of(sent));
        try (Connection connection = Clients.QPID_JMS.connect(broker, null)) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue.name()));
            Message message = consumer.receive(10_000);
            assertThat(message).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) message).getText()).isEqualTo(sent.body());
            session.rollback();
            consumer.close();
        }
        InteropClient receiver = Clients.PYTHON_STOMP.missing().isEmpty() ? Clients.PYTHON_STOMP : Clients.TERN_JMS;
        List<Received> received = receiver.receive(broker, queue, ReceiveOptions.count(1));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).isEqualTo(sent.body());
        assertThat(received.get(0).redelivered()).as("redelivered after the rollback, as %s sees it", receiver.name())
                .isTrue();
    }

    @Test
    void aStompTransactionThatAbortsSendsNothingAndOneThatCommitsReachesAnAmqpConsumer() {
        Clients.assumeAvailable(Clients.PYTHON_STOMP);
        Dest queue = Dest.queue("tx.stomp");
        Clients.PYTHON_STOMP.send(broker, queue, List.of(Samples.text(0, "python-stomp"), Samples.text(1, "python-stomp")),
                List.of("--transaction", "rollback"));
        assertThat(broker.messageCount(queue.name())).as("after ABORT").isZero();
        Clients.PYTHON_STOMP.send(broker, queue, List.of(Samples.text(2, "python-stomp")),
                List.of("--transaction", "commit"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(broker.messageCount(queue.name())).as("after COMMIT").isEqualTo(1));
        List<Received> received = Clients.QPID_JMS.receive(broker, queue, ReceiveOptions.count(1));
        assertThat(received).extracting(r -> r.property("n")).containsExactly("2");
    }

    @Test
    void aPythonProtonTransactionThatRollsBackSendsNothing() {
        Clients.assumeAvailable(Clients.PYTHON_AMQP);
        Dest queue = Dest.queue("tx.python");
        Clients.PYTHON_AMQP.send(broker, queue, List.of(Samples.text(0, "python-amqp"), Samples.text(1, "python-amqp")),
                List.of("--transaction", "rollback"));
        assertThat(broker.messageCount(queue.name())).as("after the rollback").isZero();
        Clients.PYTHON_AMQP.send(broker, queue, List.of(Samples.text(2, "python-amqp")),
                List.of("--transaction", "commit"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(broker.messageCount(queue.name())).as("after the commit").isEqualTo(1));
        List<Received> received = Clients.TERN_JMS.receive(broker, queue, ReceiveOptions.count(1));
        assertThat(received).extracting(r -> r.property("n")).containsExactly("2");
    }
}
