package dev.tern.jms.e2e;

import static dev.tern.jms.e2e.QueueAndTopicTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives a restart of the embedded broker: it stops with its last connection and restarts from its journal.
 * vm:// only: the restarts rely on the embedded broker's vm:// lifecycle; the journal does not depend on the transport.
 */
@Timeout(120)
class PersistenceTest {

    @TempDir
    Path dataDir;

    private String name;
    private TernConnectionFactory factory;

    @BeforeEach
    void setUp() {
        name = "persist-" + UUID.randomUUID().toString().substring(0, 8);
        factory = new TernConnectionFactory("vm://" + name + "?broker.dataDir=" + dataDir.toAbsolutePath());
    }

    @Test
    void persistentMessagesSurviveARestartAndNonPersistentOnesDoNot() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("q"));
            producer.send(session.createTextMessage("durable-1"));
            producer.send(session.createTextMessage("fleeting"), DeliveryMode.NON_PERSISTENT, 4, 0);
            producer.send(session.createTextMessage("durable-2"));
        }
        assertThat(EmbeddedBrokers.find(name)).as("stopped with its last connection").isEmpty();
        assertThat(receiveAll("q")).containsExactly("durable-1", "durable-2");
    }

    @Test
    void aPausedQueueStaysPausedAcrossARestartUntilResumed() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("held")).send(session.createTextMessage("waiting"));
            ((TernConnection) connection).pauseQueue("held");
        }
        assertThat(EmbeddedBrokers.find(name)).as("stopped with its last connection").isEmpty();

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("held"));
            connection.start();
            assertThat(consumer.receive(300)).isNull();
            assertThat(((TernConnection) connection).queueStatistics())
                    .anySatisfy(queue -> assertThat(queue.name().equals("held") && queue.paused()).isTrue());
            ((TernConnection) connection).resumeQueue("held");
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("waiting");
        }
        try (Connection connection = factory.createConnection()) {
            assertThat(((TernConnection) connection).queueStatistics())
                    .noneSatisfy(queue -> assertThat(queue.paused()).isTrue());
        }
    }

    @Test
    void acknowledgedMessagesNeverComeBack() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("q");
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < 4; i++) {
                producer.send(session.createTextMessage("m" + i));
            }
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            consumer.receive(1000);
            consumer.receive(1000).acknowledge();
        }
        assertThat(receiveAll("q")).containsExactly("m2", "m3");
        assertThat(receiveAll("q")).isEmpty();
    }

    @Test
    void unacknowledgedMessagesComeBackAsRedeliveredAfterRestart() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue("q");
            session.createProducer(queue).send(session.createTextMessage("m"));
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            assertThat(consumer.receive(1000)).isNotNull();
        }
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
            connection.start();
            TextMessage again = (TextMessage) consumer.receive(1000);
            assertThat(again.getText()).isEqualTo("m");
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        }
    }

    @Test
    void durableSubscriptionAndItsWaitingMessagesSurviveRestarts() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("audit");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("events");
            session.createDurableSubscriber(topic, "log").close();
            session.createProducer(topic).send(session.createTextMessage("e1"));
        }
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createTopic("events")).send(session.createTextMessage("e2"));
        }
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("audit");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer subscriber = session.createDurableSubscriber(session.createTopic("events"), "log");
            connection.start();
            assertThat(drain(subscriber)).containsExactly("e1", "e2");
        }
    }

    @Test
    void priorityOrderOfABacklogSurvivesARestart() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("q"));
            int[] priorities = {0, 9, 4, 9, 1, 4};
            for (int i = 0; i < priorities.length; i++) {
                producer.send(session.createTextMessage("p" + priorities[i] + "-" + i), DeliveryMode.PERSISTENT,
                        priorities[i], 0);
            }
        }
        assertThat(receiveAll("q")).containsExactly("p9-1", "p9-3", "p4-2", "p4-5", "p1-4", "p0-0");
    }

    @Test
    void resubscribingToAnotherTopicReplacesTheDurableSubscription() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("mover");
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            Topic first = session.createTopic("first");
            session.createDurableSubscriber(first, "sub").close();
            session.createProducer(first).send(session.createTextMessage("on first"));

            Topic second = session.createTopic("second");
            MessageConsumer moved = session.createDurableSubscriber(second, "sub");
            session.createProducer(first).send(session.createTextMessage("first again"));
            session.createProducer(second).send(session.createTextMessage("on second"));
            connection.start();
            assertThat(drain(moved)).containsExactly("on second");
        }
    }

    @Test
    void transactedSendsAreDurableOnlyOnceCommitted() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session tx = connection.createSession(Session.SESSION_TRANSACTED);
            MessageProducer producer = tx.createProducer(tx.createQueue("q"));
            producer.send(tx.createTextMessage("committed"));
            tx.commit();
            producer.send(tx.createTextMessage("never committed"));
        }
        assertThat(receiveAll("q")).containsExactly("committed");
    }

    @Test
    void concurrentProducersShareJournalCommits() throws Exception {
        int producers = 8;
        int perProducer = 100;
        try (Connection connection = factory.createConnection()) {
            Broker broker = EmbeddedBrokers.find(name).orElseThrow();
            long syncsBefore = broker.journalStatistics().syncs();
            long unitsBefore = broker.journalStatistics().units();
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producerNumber = p;
                done.add(pool.submit(() -> {
                    Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue("busy"));
                    go.await();
                    for (int i = 0; i < perProducer; i++) {
                        producer.send(session.createTextMessage(producerNumber + "-" + i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            long units = broker.journalStatistics().units() - unitsBefore;
            long syncs = broker.journalStatistics().syncs() - syncsBefore;
            assertThat(units).isGreaterThanOrEqualTo(producers * perProducer);
            assertThat(syncs).as("%d sends needed %d fsyncs", units, syncs).isLessThan(units / 2);
        }
        assertThat(receiveAll("busy")).hasSize(producers * perProducer);
    }

    private List<String> receiveAll(String queueName) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
            return drain(consumer);
        }
    }
}
