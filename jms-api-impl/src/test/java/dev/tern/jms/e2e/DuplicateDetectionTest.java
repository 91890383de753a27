package dev.tern.jms.e2e;

import static dev.tern.jms.e2e.QueueAndTopicTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernProperties;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** Duplicate IDs through the JMS API: a resend is accepted and not enqueued again, transactions included. */
@Timeout(60)
class DuplicateDetectionTest {

    private TestBroker broker;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        broker = new TestBroker(transport);
        connection = broker.startedConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("orders");
    }

    @AfterEach
    void stop() throws JMSException {
        connection.close();
        broker.close();
    }

    private static TextMessage message(Session session, String body, String duplicateId) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        if (duplicateId != null) {
            message.setStringProperty(TernProperties.DUPLICATE_ID, duplicateId);
        }
        return message;
    }

    private MessageConsumer consumer() throws JMSException {
        return session.createConsumer(queue);
    }

    @TransportTest
    void aResentMessageIsAcceptedButDeliveredOnce() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        producer.send(message(session, "first", "order-1"));
        producer.send(message(session, "resent", "order-1"));
        producer.send(message(session, "second", "order-2"));
        producer.send(message(session, "no id", null));
        producer.send(message(session, "no id", null));
        assertThat(drain(consumer())).containsExactly("first", "second", "no id", "no id");
    }

    @TransportTest
    void artemisDuplicateIdPropertyWorksToo() throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        for (String body : new String[] {"a", "b"}) {
            Message message = session.createTextMessage(body);
            message.setStringProperty("_AMQ_DUPL_ID", "same");
            producer.send(message);
        }
        assertThat(drain(consumer())).containsExactly("a");
    }

    @TransportTest
    void theWindowIsAPolicySetting() throws JMSException {
        broker.broker().setPolicy("orders", "duplicateIdWindow", "1");
        MessageProducer producer = session.createProducer(queue);
        producer.send(message(session, "a", "1"));
        producer.send(message(session, "b", "2"));
        producer.send(message(session, "a again", "1"));
        producer.send(message(session, "a again", "1"));
        assertThat(drain(consumer())).containsExactly("a", "b", "a again");
    }

    @TransportTest
    void anIdIsTakenOnlyWhenItsTransactionCommits() throws JMSException {
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(message(transacted, "rolled back", "x"));
        transacted.rollback();
        producer.send(message(transacted, "committed", "x"));
        transacted.commit();
        assertThat(drain(consumer())).containsExactly("committed");
    }

    @TransportTest
    void duplicatesInACommittedTransactionAreDroppedAndTheRestCommits() throws JMSException {
        session.createProducer(queue).send(message(session, "earlier", "a"));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(queue);
        producer.send(message(transacted, "repeat of earlier", "a"));
        producer.send(message(transacted, "b", "b"));
        producer.send(message(transacted, "repeat of b", "b"));
        producer.send(message(transacted, "c", "c"));
        transacted.commit();
        assertThat(drain(consumer())).containsExactly("earlier", "b", "c");
    }

    @TransportTest
    void aTransactedConsumeAndProduceRetriedAfterCommitEnqueuesOnce() throws JMSException {
        Queue in = session.createQueue("in");
        session.createProducer(in).send(session.createTextMessage("job"));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer jobs = transacted.createConsumer(in);
        MessageProducer results = transacted.createProducer(queue);
        TextMessage job = (TextMessage) jobs.receive(2_000);
        String resultId = "result-of-" + job.getJMSMessageID();
        results.send(message(transacted, "result", resultId));
        transacted.commit();
        // The application could not tell whether the commit succeeded, and produces the result again.
        results.send(message(transacted, "result again", resultId));
        transacted.commit();
        assertThat(drain(consumer())).containsExactly("result");
        assertThat(jobs.receive(300)).as("the job was consumed once").isNull();
    }
}
