package dev.tern.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AmqpTransactionTest extends AmqpBrokerSupport {

    @BeforeEach
    void start() {
        startBroker();
    }

    @Test
    void transactedSendsAppearOnCommitAndVanishOnRollback() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("tx-sends");
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("rolled back"));
            session.rollback();
            producer.send(session.createTextMessage("committed"));
            assertThat(broker.messageCount("tx-sends")).hasValue(0);
            session.commit();
            assertThat(broker.messageCount("tx-sends")).hasValue(1);

            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = plain.createConsumer(queue);
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("committed");
            assertThat(consumer.receive(200)).isNull();
        }
    }

    @Test
    void transactedReceivesAreRedeliveredOnRollbackAndGoneOnCommit() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = plain.createQueue("tx-receives");
            plain.createProducer(queue).send(plain.createTextMessage("once"));

            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(queue);
            Message first = consumer.receive(5_000);
            assertThat(((TextMessage) first).getText()).isEqualTo("once");
            session.rollback();
            Message again = consumer.receive(5_000);
            assertThat(again).isNotNull();
            assertThat(((TextMessage) again).getText()).isEqualTo("once");
            assertThat(again.getJMSRedelivered()).isTrue();
            session.commit();
            consumer.close();
        }
        assertThat(broker.messageCount("tx-receives")).hasValue(0);
    }

    @Test
    void aConsumerClosedInsideATransactionStillHasItsReceiveCommitted() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = plain.createQueue("tx-closed");
            plain.createProducer(queue).send(plain.createTextMessage("taken"));
            plain.createProducer(queue).send(plain.createTextMessage("left"));

            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(queue, null);
            assertThat(((TextMessage) consumer.receive(5_000)).getText()).isEqualTo("taken");
            consumer.close();
            session.createProducer(session.createQueue("tx-out")).send(session.createTextMessage("result"));
            session.commit();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> broker.messageCount("tx-closed").orElse(-1) == 1);
        assertThat(broker.messageCount("tx-out")).hasValue(1);
    }

    @Test
    void aTransactionSpanningTwoQueuesRollsBackBoth() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue in = plain.createQueue("tx-in");
            plain.createProducer(in).send(plain.createTextMessage("work"));

            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(in);
            assertThat(consumer.receive(5_000)).isNotNull();
            session.createProducer(session.createQueue("tx-result")).send(session.createTextMessage("done"));
            session.rollback();
            consumer.close();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> broker.messageCount("tx-in").orElse(-1) == 1);
        assertThat(broker.messageCount("tx-result").orElse(0)).isZero();
    }

    @Test
    void closingATransactedSessionDiscardsItsUncommittedWork() throws Exception {
        try (Connection connection = qpid().createConnection()) {
            connection.start();
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue in = plain.createQueue("tx-abandoned-in");
            plain.createProducer(in).send(plain.createTextMessage("work"));
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            assertThat(session.createConsumer(in).receive(5_000)).isNotNull();
            session.createProducer(session.createQueue("tx-abandoned-out")).send(session.createTextMessage("never"));
            session.close();
            MessageConsumer again = plain.createConsumer(in);
            Message redelivered = again.receive(5_000);
            assertThat(redelivered).isNotNull();
        }
        assertThat(broker.messageCount("tx-abandoned-out").orElse(0)).isZero();
    }
}
