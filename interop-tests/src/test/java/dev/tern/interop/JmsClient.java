package dev.tern.interop;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A JMS client in the test JVM: Tern's own ({@code tcp://}) or Qpid JMS (AMQP 1.0). Receiving runs on a thread of
 * its own so that it can overlap a send, as a client process does.
 */
final class JmsClient implements InteropClient {

    private final String name;
    private final Protocol protocol;
    private final Function<InteropBroker, ConnectionFactory> factory;

    JmsClient(String name, Protocol protocol, Function<InteropBroker, ConnectionFactory> factory) {
        this.name = name;
        this.protocol = protocol;
        this.factory = factory;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public Optional<String> missing() {
        return Optional.empty();
    }

    /** A connection of this client to the broker; the caller closes it. */
    Connection connect(InteropBroker broker, String clientId) throws JMSException {
        Connection connection = factory.apply(broker).createConnection();
        if (clientId != null) {
            connection.setClientID(clientId);
        }
        return connection;
    }

    static Destination destination(Session session, Dest dest) throws JMSException {
        return dest.topic() ? session.createTopic(dest.name()) : session.createQueue(dest.name());
    }

    @Override
    public void send(InteropBroker broker, Dest dest, List<MessageSpec> messages) {
        try (Connection connection = connect(broker, null)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(destination(session, dest));
            for (MessageSpec spec : messages) {
                producer.send(toMessage(session, spec), DeliveryMode.PERSISTENT,
                        spec.priority() == null ? Message.DEFAULT_PRIORITY : spec.priority(), 0);
            }
        } catch (JMSException e) {
            throw new AssertionError(name + " could not send to " + dest + ": " + e, e);
        }
    }

    static Message toMessage(Session session, MessageSpec spec) throws JMSException {
        Message message;
        switch (spec.kind()) {
            case "text" -> message = session.createTextMessage((String) spec.body());
            case "bytes" -> {
                BytesMessage bytes = session.createBytesMessage();
                bytes.writeBytes((byte[]) spec.body());
                message = bytes;
            }
            case "map" -> {
                MapMessage map = session.createMapMessage();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) spec.body()).entrySet()) {
                    map.setObject((String) entry.getKey(), entry.getValue());
                }
                message = map;
            }
            default -> throw new IllegalArgumentException("body kind " + spec.kind());
        }
        for (Map.Entry<String, Object> property : spec.properties().entrySet()) {
            message.setObjectProperty(property.getKey(), property.getValue());
        }
        return message;
    }

    static Received toReceived(Message message) throws JMSException {
        String kind;
        Object body;
        if (message instanceof TextMessage text) {
            kind = "text";
            body = text.getText();
        } else if (message instanceof BytesMessage bytes) {
            kind = "bytes";
            byte[] all = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(all);
            body = all;
        } else if (message instanceof MapMessage map) {
            kind = "map";
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Object key : Collections.list(map.getMapNames())) {
                entries.put((String) key, map.getObject((String) key));
            }
            body = entries;
        } else {
            kind = message.getClass().getSimpleName();
            body = null;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object key : Collections.list(message.getPropertyNames())) {
            properties.put((String) key, message.getObjectProperty((String) key));
        }
        return new Received(kind, body, properties, message.getJMSPriority(), message.getJMSMessageID(),
                message.getJMSRedelivered(), Map.of());
    }

    /** Answers a request with {@code re: BODY}, correlated by its message ID, as the script clients do. */
    private void reply(Session session, Message request) throws JMSException {
        Received asReceived = toReceived(request);
        TextMessage reply = session.createTextMessage("re: " + asReceived.body());
        reply.setJMSCorrelationID(request.getJMSMessageID());
        reply.setStringProperty("responder", name);
        try (MessageProducer producer = session.createProducer(request.getJMSReplyTo())) {
            producer.send(reply);
        }
    }

    @Override
    public Receiving startReceiving(InteropBroker broker, Dest dest, ReceiveOptions options) {
        if (options.answer() != ReceiveOptions.Answer.ACK) {
            throw new IllegalArgumentException(name + " only acknowledges");
        }
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<List<Received>> result = new CompletableFuture<>();
        ScriptClient.daemon(name + "-receiver", () -> {
            try (Connection connection = connect(broker, options.clientId())) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Destination destination = destination(session, dest);
                MessageConsumer consumer = options.durableName() != null
                        ? session.createDurableConsumer((Topic) destination, options.durableName(), options.selector(), false)
                        : session.createConsumer(destination, options.selector());
                connection.start();
                ready.countDown();
                List<Received> received = new ArrayList<>();
                long deadline = System.nanoTime() + options.timeout().toNanos();
                while (received.size() < options.count()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    Message message = left > 0 ? consumer.receive(left) : null;
                    if (message == null) {
                        break;
                    }
                    received.add(toReceived(message));
                    if (options.flags().contains("--reply") && message.getJMSReplyTo() != null) {
                        reply(session, message);
                    }
                }
                consumer.close();
                result.complete(received);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new Receiving() {
            @Override
            public void awaitReady(Duration timeout) {
                try {
                    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        if (result.isCompletedExceptionally()) {
                            await();
                        }
                        throw new AssertionError(name + " consumer not created within " + timeout);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }

            @Override
            public List<Received> await() {
                try {
                    return result.get(options.timeout().plusSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError(name + " could not receive from " + dest + ": " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError(name + " receiver still running after " + options.timeout().plusSeconds(20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        };
    }
}
