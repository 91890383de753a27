package dev.tern.ra.glassfish;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the test applications' message listeners saw, by listener name, for the tests to read. GlassFish
 * embedded loads the test class path before an application's own classes, so the container and the
 * tests share this one class and its static state.
 */
public final class Inbox {

    /** One delivery as a listener saw it. */
    public record Delivery(String text, boolean redelivered, int deliveryCount, String thread) {

        /** Reads a delivery from a text message. */
        public static Delivery of(Message message) {
            try {
                int count = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : -1;
                return new Delivery(message.getBody(String.class), message.getJMSRedelivered(), count,
                        Thread.currentThread().getName());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final ConcurrentMap<String, BlockingQueue<Delivery>> BOXES = new ConcurrentHashMap<>();

    private Inbox() {
    }

    /** Records a delivery seen by the named listener. */
    public static void record(String listener, Message message) {
        box(listener).add(Delivery.of(message));
    }

    /** The next delivery seen by the named listener, waiting at most the timeout; null if none came. */
    public static Delivery next(String listener, Duration timeout) throws InterruptedException {
        return box(listener).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every delivery the named listener saw so far, in order. */
    public static List<Delivery> all(String listener) {
        return List.copyOf(box(listener));
    }

    private static BlockingQueue<Delivery> box(String listener) {
        return BOXES.computeIfAbsent(listener, name -> new LinkedBlockingQueue<>());
    }
}
