package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMS 2.0 asynchronous sends ({@code send(message, CompletionListener)}) of persistent messages to a
 * broker with its journal: when the listener hears, on which thread, in what order, and how many sends
 * one producer can have in one journal sync. See also {@code AsyncSendCrashTest}.
 */
@Timeout(60)
class AsyncSendTest {

    @TempDir
    Path dataDir;

    private String name;
    private Broker broker;
    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void start(Transport transport) throws JMSException {
        name = "async-" + UUID.randomUUID().toString().substring(0, 8);
        broker = startBroker();
        String url = transport == Transport.TCP ? "tcp://127.0.0.1:" + broker.tcpPort() : "vm://" + name;
        connection = new TernConnectionFactory(url).createConnection();
        session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("async");
    }

    @AfterEach
    void stop() throws JMSException {
        try {
            connection.close();
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @TransportTest
    void aPersistentSendIsCalledBackOnlyAfterAJournalSyncThatFollowedTheSend() throws Exception {
        int count = 50;
        long[] syncsBeforeSend = new long[count];
        Map<Integer, Long> syncsAtCompletion = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(count);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < count; i++) {
            int index = i;
            syncsBeforeSend[i] = broker.journalStatistics().syncs();
            producer.send(session.createTextMessage("m" + i), new Listener(done) {
                @Override
                public void onCompletion(Message message) {
                    syncsAtCompletion.put(index, broker.journalStatistics().syncs());
                    super.onCompletion(message);
                }
            });
        }

        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < count; i++) {
            assertThat(syncsAtCompletion.get(i)).as("journal syncs when send %d completed", i)
                    .isGreaterThan(syncsBeforeSend[i]);
        }
    }

    @TransportTest
    void asyncSendsOfOneProducerShareJournalSyncs() throws Exception {
        int count = 500;
        long syncsBefore = broker.journalStatistics().syncs();
        Listener listener = new Listener(new CountDownLatch(count));
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i), listener);
        }

        assertThat(listener.done.await(20, TimeUnit.SECONDS)).isTrue();
        long syncs = broker.journalStatistics().syncs() - syncsBefore;
        assertThat(listener.failures).isEmpty();
        assertThat(syncs).as("%d persistent sends of one producer took %d syncs", count, syncs)
                .isLessThanOrEqualTo(count / 5);
        assertThat(broker.messageCount("async")).hasValue(count);
    }

    @TransportTest
    void callbacksOfASessionRunOneAtATimeOffTheSendingThreadInSendOrder() throws Exception {
        int count = 200;
        MessageProducer first = session.createProducer(queue);
        MessageProducer second = session.createProducer(session.createQueue("async.other"));
        Thread sender = Thread.currentThread();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
        Listener listener = new Listener(new CountDownLatch(count)) {
            @Override
            public void onCompletion(Message message) {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                callbackThreads.add(Thread.currentThread());
                Thread.yield();
                running.decrementAndGet();
                super.onCompletion(message);
            }
        };
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "m" + i;
            sent.add(body);
            MessageProducer producer = i % 2 == 0 ? first : second;
            int mode = i % 3 == 0 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT;
            producer.send(session.createTextMessage(body), mode, 4, 0, listener);
        }

        assertThat(listener.done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(listener.completed).as("callbacks in the order of the session's sends").isEqualTo(sent);
        assertThat(mostAtOnce).as("callbacks of one session at a time").hasValue(1);
        assertThat(callbackThreads).as("never on the sending thread").doesNotContain(sender);
    }

    @TransportTest
    void everySendInFlightIsCalledBackOnceWhenTheBrokerStopsAndCompletedOnesSurviveARestart() throws Exception {
        int count = 300;
        Listener listener = new Listener(new CountDownLatch(count));
        MessageProducer producer = session.createProducer(queue);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add("m" + i);
            producer.send(session.createTextMessage("m" + i), listener);
        }
        EmbeddedBrokers.stop(name);

        assertThat(listener.done.await(20, TimeUnit.SECONDS)).as("a callback for every send").isTrue();
        assertThat(listener.calledBack).as("each send called back once, in send order").isEqualTo(sent);
        assertThat(listener.failures).allSatisfy(failure -> assertThat(failure).isInstanceOf(JMSException.class));

        startBroker();
        assertThat(drainFromRestartedBroker()).as("every completed send is in the restarted broker's journal")
                .containsAll(listener.completed);
    }

    private Broker startBroker() {
        return EmbeddedBrokers.start(BrokerConfig.named(name).withDataDir(dataDir)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
    }

    private List<String> drainFromRestartedBroker() throws JMSException {
        try (Connection reader = new TernConnectionFactory("vm://" + name).createConnection()) {
            Session readerSession = reader.createSession(Session.AUTO_ACKNOWLEDGE);
            reader.start();
            return QueueAndTopicTest.drain(readerSession.createConsumer(readerSession.createQueue("async")));
        }
    }

    /** Records what it is told and counts down once per callback. */
    private static class Listener implements CompletionListener {
        final CountDownLatch done;
        final List<String> completed = new CopyOnWriteArrayList<>();
        final List<Exception> failures = new CopyOnWriteArrayList<>();
        /** Every message called back, by either method, in callback order. */
        final List<String> calledBack = new CopyOnWriteArrayList<>();

        Listener(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void onCompletion(Message message) {
            completed.add(text(message));
            calledBack.add(text(message));
            done.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failures.add(exception);
            calledBack.add(text(message));
            done.countDown();
        }

        private static String text(Message message) {
            try {
                return ((TextMessage) message).getText();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
