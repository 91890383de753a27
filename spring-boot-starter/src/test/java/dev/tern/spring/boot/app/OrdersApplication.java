package dev.tern.spring.boot.app;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

/**
 * A small Boot 3 application that uses JMS with nothing but the Tern starter: {@code @JmsListener}s on
 * Boot's default container factory and Boot's {@code JmsTemplate}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OrdersApplication.OrderListeners.class)
public class OrdersApplication {

    /** One delivery as a listener saw it. */
    public record Seen(String body, boolean redelivered, int deliveryCount) {
    }

    /** The application's listeners, and what they saw. */
    @Component
    public static class OrderListeners {
        public final Queue<Seen> orders = new ConcurrentLinkedQueue<>();
        public final Queue<Seen> failing = new ConcurrentLinkedQueue<>();

        @JmsListener(id = "orders", destination = "orders")
        void onOrder(Message message) throws JMSException {
            orders.add(seen(message));
        }

        /** Throws on the first delivery of each message. */
        @JmsListener(destination = "fragile")
        void onFragile(Message message) throws JMSException {
            Seen seen = seen(message);
            failing.add(seen);
            if (!seen.redelivered()) {
                throw new IllegalStateException("first attempt fails: " + seen.body());
            }
        }

        @JmsListener(destination = "quotes")
        @SendTo("quote-replies")
        String onQuote(String request) {
            return "quote for " + request;
        }

        private static Seen seen(Message message) throws JMSException {
            return new Seen(message.getBody(String.class), message.getJMSRedelivered(),
                    message.getIntProperty("JMSXDeliveryCount"));
        }
    }
}
