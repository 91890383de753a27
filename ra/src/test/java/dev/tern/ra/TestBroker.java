package dev.tern.ra;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory embedded broker of its own for one test, and a plain client to look at its queues. */
final class TestBroker implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();

    final String name = "ra-test-" + COUNT.incrementAndGet() + "-" + ProcessHandle.current().pid();
    final Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false));
    final String url = "vm://" + name + "?broker.persistent=false";
    final TernConnectionFactory client = new TernConnectionFactory(url);

    /** The body of the next message on a queue, or null if none arrives within the time. */
    String receive(String queue, long timeoutMillis) {
        try (JMSContext context = client.createContext()) {
            return context.createConsumer(context.createQueue(queue)).receiveBody(String.class, timeoutMillis);
        }
    }

    void send(String queue, String... texts) {
        try (JMSContext context = client.createContext()) {
            for (String text : texts) {
                context.createProducer().send(context.createQueue(queue), text);
            }
        }
    }

    void publish(String topic, String... texts) {
        try (JMSContext context = client.createContext()) {
            for (String text : texts) {
                context.createProducer().send(context.createTopic(topic), text);
            }
        }
    }

    int messageCount(String queue) {
        return broker.messageCount(queue).orElse(0);
    }

    @Override
    public void close() {
        EmbeddedBrokers.stop(name);
    }
}
