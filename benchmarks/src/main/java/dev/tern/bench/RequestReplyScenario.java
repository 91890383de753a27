package dev.tern.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One requester sends a non-persistent 1 KiB request at a time to a queue, with a temporary reply
 * queue; one responder answers each on its own connection. Reports round-trip latency percentiles in
 * microseconds; the first tenth of the samples is warm-up and not counted.
 */
public final class RequestReplyScenario implements Scenario {

    private static final int MAX_SAMPLES = 2_000_000;
    private static final long REPLY_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final Transport transport;
    private final byte[] body = Payload.ofSize(Payload.ONE_KIB);

    public RequestReplyScenario(String name, Transport transport) {
        this.name = name;
        this.transport = transport;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public ScenarioResult run(ConnectionFactory factory, RunLimits limits, RunObserver observer) throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Connection responderConnection = factory.createConnection();
                Connection requesterConnection = factory.createConnection()) {
            Session responderSession = responderConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer requests = responderSession.createConsumer(responderSession.createQueue("bench." + name));
            MessageProducer replies = responderSession.createProducer(null);
            replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            responderConnection.start();
            AtomicBoolean stop = new AtomicBoolean();
            Thread responder = Workers.thread("responder", failures,
                    () -> respond(requests, replies, responderSession, stop));

            Session session = requesterConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replyQueue = session.createTemporaryQueue();
            MessageConsumer replyConsumer = session.createConsumer(replyQueue);
            MessageProducer producer = session.createProducer(session.createQueue("bench." + name));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            requesterConnection.start();
            responder.start();

            long[] samples = new long[(int) Math.min(MAX_SAMPLES, limits.maxMessages())];
            int count = 0;
            int requestsSent = 0;
            long deadline = System.nanoTime() + limits.duration().toNanos();
            while (count < samples.length && System.nanoTime() < deadline && failures.isEmpty()) {
                BytesMessage request = session.createBytesMessage();
                request.writeBytes(body);
                request.setJMSReplyTo(replyQueue);
                long sent = System.nanoTime();
                producer.send(request);
                requestsSent++;
                Message reply = replyConsumer.receive(REPLY_TIMEOUT_MILLIS);
                if (reply == null) {
                    break;
                }
                samples[count++] = System.nanoTime() - sent;
            }
            stop.set(true);
            responderConnection.close();
            responder.join(TimeUnit.SECONDS.toMillis(5));
            if (!failures.isEmpty()) {
                throw new IllegalStateException(name + " failed: " + failures.get(0), failures.get(0));
            }
            return result(samples, count, requestsSent);
        }
    }

    private static void respond(MessageConsumer requests, MessageProducer replies, Session session,
            AtomicBoolean stop) throws JMSException {
        while (!stop.get()) {
            Message request;
            try {
                request = requests.receive(100);
            } catch (JMSException e) {
                if (stop.get()) {
                    return; // the connection closed at the end of the run
                }
                throw e;
            }
            if (request != null) {
                BytesMessage reply = session.createBytesMessage();
                reply.writeBytes(new byte[(int) ((BytesMessage) request).getBodyLength()]);
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replies.send(request.getJMSReplyTo(), reply);
            }
        }
    }

    private static ScenarioResult result(long[] samples, int count, int requestsSent) {
        int warmUp = count / 10;
        long[] measured = new long[count - warmUp];
        System.arraycopy(samples, warmUp, measured, 0, measured.length);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (measured.length > 0) {
            Percentiles percentiles = new Percentiles(measured, measured.length);
            metrics.put("p50 us", percentiles.at(50) / 1e3);
            metrics.put("p99 us", percentiles.at(99) / 1e3);
            metrics.put("p99.9 us", percentiles.at(99.9) / 1e3);
        }
        return new ScenarioResult(requestsSent, count, metrics);
    }
}
