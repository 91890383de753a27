package dev.tern.example;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * The README's example: starts an embedded broker by connecting, sends a message and receives it.
 * Run it with the README's first command.
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        ConnectionFactory factory = new TernConnectionFactory("vm://quickstart");
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("greetings");
            context.createProducer().send(queue, "Hello from Tern");
            String body = context.createConsumer(queue).receiveBody(String.class, 5_000);
            System.out.println("Received: " + body);
        }
        System.out.println("The broker stopped with its last connection; its journal is in ./tern-data/quickstart");
    }
}
