package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.support.converter.MappingJackson2MessageConverter;
import org.springframework.jms.support.converter.MessageType;
import org.springframework.messaging.handler.annotation.SendTo;

/**
 * {@code @JmsListener} endpoints on {@link DefaultJmsListenerContainerFactory} containers against a real
 * Tern broker: dynamic concurrency, transacted and CLIENT_ACKNOWLEDGE sessions with redelivery after a
 * failing listener, JSON payloads and {@code @SendTo} request-reply.
 */
class JmsListenerTest {

    /** A JSON payload. */
    record Order(String id, int quantity) {
    }

    /** The listeners, and what they saw. */
    static class Listeners {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final Queue<Delivery> work = new ConcurrentLinkedQueue<>();
        final Queue<Delivery> transacted = new ConcurrentLinkedQueue<>();
        final Queue<Delivery> clientAck = new ConcurrentLinkedQueue<>();
        final Queue<Delivery> poison = new ConcurrentLinkedQueue<>();
        final Queue<Order> orders = new ConcurrentLinkedQueue<>();
        final Queue<String> paused = new ConcurrentLinkedQueue<>();
        private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

        @JmsListener(id = "work", destination = "work", concurrency = "3-10")
        void onWork(Message message) throws Exception {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                assertThat(release.await(20, TimeUnit.SECONDS)).as("released").isTrue();
                work.add(Delivery.of(message));
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @JmsListener(destination = "transacted", containerFactory = "transactedFactory")
        void onTransacted(Message message) throws JMSException {
            record(message, transacted);
        }

        /** Fails every time: the broker's delivery limit moves the message to the dead-letter queue. */
        @JmsListener(destination = "poison", containerFactory = "transactedFactory")
        void onPoison(Message message) throws JMSException {
            poison.add(Delivery.of(message));
            throw new IllegalStateException("cannot process " + ((TextMessage) message).getText());
        }

        @JmsListener(destination = "client-ack", containerFactory = "clientAckFactory")
        void onClientAck(Message message) throws JMSException {
            record(message, clientAck);
        }

        /** Records every delivery; fails the first delivery of each body whose text starts with "fail". */
        private void record(Message message, Queue<Delivery> into) throws JMSException {
            Delivery delivery = Delivery.of(message);
            into.add(delivery);
            if (delivery.body().startsWith("fail") && failedOnce.add(delivery.body())) {
                throw new IllegalStateException("listener failure for " + delivery.body());
            }
        }

        @JmsListener(id = "pausable", destination = "pausable", concurrency = "1")
        void onPausable(String body) {
            paused.add(body);
        }

        @JmsListener(destination = "orders", containerFactory = "jsonFactory")
        void onOrder(Order order) {
            orders.add(order);
        }

        @JmsListener(destination = "requests")
        @SendTo("replies")
        String onRequest(String request) {
            return request.toUpperCase();
        }
    }

    @Configuration
    @EnableJms
    static class ListenerConfig {

        @Bean
        DefaultJmsListenerContainerFactory jmsListenerContainerFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(connectionFactory);
            factory.setConcurrency("3-10");
            factory.setReceiveTimeout(500L);
            return factory;
        }

        @Bean
        DefaultJmsListenerContainerFactory transactedFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(connectionFactory);
            factory.setSessionTransacted(true);
            factory.setReceiveTimeout(500L);
            return factory;
        }

        @Bean
        DefaultJmsListenerContainerFactory clientAckFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(connectionFactory);
            factory.setSessionAcknowledgeMode(Session.CLIENT_ACKNOWLEDGE);
            factory.setReceiveTimeout(500L);
            return factory;
        }

        @Bean
        DefaultJmsListenerContainerFactory jsonFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(connectionFactory);
            factory.setMessageConverter(jsonConverter());
            factory.setReceiveTimeout(500L);
            return factory;
        }

        @Bean
        MappingJackson2MessageConverter jsonConverter() {
            MappingJackson2MessageConverter converter = new MappingJackson2MessageConverter();
            converter.setTargetType(MessageType.TEXT);
            converter.setTypeIdPropertyName("_type");
            return converter;
        }

        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }

    private TernTestBroker broker;
    private AnnotationConfigApplicationContext context;
    private Listeners listeners;

    /** Starts the listeners on a broker whose consumers hold one message at a time ahead of the listener. */
    private Listeners start(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        context = SpringContexts.start(new TernConnectionFactory(broker.url("jms.prefetch=1")),
                ListenerConfig.class);
        listeners = context.getBean(Listeners.class);
        return listeners;
    }

    private JmsTemplate template() {
        JmsTemplate template = new JmsTemplate(broker.connectionFactory());
        template.setReceiveTimeout(5_000);
        return template;
    }

    @AfterEach
    void stop() throws JMSException {
        if (context != null) {
            listeners.release.countDown();
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void concurrencyGrowsFromThreeToTenConsumersWhileListenersAreBusy(Transport transport) throws JMSException {
        Listeners listeners = start(transport);
        DefaultMessageListenerContainer container = (DefaultMessageListenerContainer)
                context.getBean(JmsListenerEndpointRegistry.class).getListenerContainer("work");
        assertThat(container.getConcurrentConsumers()).isEqualTo(3);
        JmsTemplate template = template();

        IntStream.range(0, 30).forEach(i -> template.convertAndSend("work", "job " + i));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(listeners.inFlight).hasValue(10);
            assertThat(container.getActiveConsumerCount()).isEqualTo(10);
        });
        listeners.release.countDown();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(listeners.work).hasSize(30));
        assertThat(listeners.maxInFlight).hasValue(10);
        assertThat(listeners.work).extracting(Delivery::body).doesNotHaveDuplicates();
        assertThat(listeners.work.stream().map(Delivery::thread).distinct()).hasSize(10);
        assertThat(listeners.work).noneMatch(Delivery::redelivered);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void transactedListenerThatThrowsGetsTheMessageAgainMarkedRedelivered(Transport transport) throws JMSException {
        Listeners listeners = start(transport);
        JmsTemplate template = template();

        template.convertAndSend("transacted", "fail-then-succeed");
        template.convertAndSend("transacted", "fine");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(listeners.transacted).hasSize(3));
        assertDeliveries(listeners.transacted);
        assertQueueEmptyAfterShutdown(template, "transacted");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientAcknowledgeListenerThatThrowsIsRecoveredAndRedelivered(Transport transport) throws JMSException {
        Listeners listeners = start(transport);
        JmsTemplate template = template();

        template.convertAndSend("client-ack", "fail-once");
        template.convertAndSend("client-ack", "ok");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(listeners.clientAck).hasSize(3));
        assertDeliveries(listeners.clientAck);
        assertQueueEmptyAfterShutdown(template, "client-ack");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aListenerThatAlwaysThrowsSendsTheMessageToTheDeadLetterQueueAfterTheDeliveryLimit(Transport transport)
            throws JMSException {
        Listeners listeners = start(transport);
        broker.broker().setPolicy("poison", "maxDeliveryAttempts", "3");
        JmsTemplate template = template();

        template.convertAndSend("poison", "bad order");

        Message dead = template.receive("DLQ");
        assertThat(dead).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) dead).getText()).isEqualTo("bad order");
        assertThat(dead.getStringProperty("_TERN_ORIG_DESTINATION")).isEqualTo("queue://poison");
        assertThat(dead.getStringProperty("_TERN_DLQ_REASON")).isNotBlank();
        assertThat(listeners.poison).extracting(Delivery::deliveryCount).containsExactly(1, 2, 3);
        assertThat(listeners.poison).extracting(Delivery::redelivered).containsExactly(false, true, true);
        assertQueueEmptyAfterShutdown(template, "poison");
    }

    /** The failing message came twice, the second time redelivered; the other once, fresh. */
    private static void assertDeliveries(Queue<Delivery> deliveries) {
        List<Delivery> failing = deliveries.stream().filter(d -> d.body().startsWith("fail")).toList();
        assertThat(failing).extracting(Delivery::redelivered).containsExactly(false, true);
        assertThat(failing).extracting(Delivery::deliveryCount).containsExactly(1, 2);
        List<Delivery> fine = deliveries.stream().filter(d -> !d.body().startsWith("fail")).toList();
        assertThat(fine).singleElement().satisfies(d -> {
            assertThat(d.redelivered()).isFalse();
            assertThat(d.deliveryCount()).isEqualTo(1);
        });
    }

    /** Once the listeners have stopped, nothing is left unacknowledged on the queue. */
    private void assertQueueEmptyAfterShutdown(JmsTemplate template, String queue) {
        context.close();
        Integer waiting = template.browse(queue, (session, browser) -> {
            int count = 0;
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                count++;
            }
            return count;
        });
        assertThat(waiting).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stoppedContainerReceivesNothingUntilStartedAgain(Transport transport) throws JMSException {
        Listeners listeners = start(transport);
        DefaultMessageListenerContainer container = (DefaultMessageListenerContainer)
                context.getBean(JmsListenerEndpointRegistry.class).getListenerContainer("pausable");
        JmsTemplate template = template();
        template.convertAndSend("pausable", "before");
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.paused.contains("before"));

        container.stop();
        template.convertAndSend("pausable", "while stopped");

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> listeners.paused.size() == 1);
        container.start();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(listeners.paused).containsExactly("before", "while stopped"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jsonPayloadIsConvertedToTheListenersParameterType(Transport transport) throws JMSException {
        Listeners listeners = start(transport);
        JmsTemplate template = template();
        template.setMessageConverter(context.getBean(MappingJackson2MessageConverter.class));

        template.convertAndSend("orders", new Order("o-7", 3));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(listeners.orders).containsExactly(new Order("o-7", 3)));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendToRepliesToTheReplyToQueueOfTheRequest(Transport transport) throws JMSException {
        start(transport);

        Message reply = template().sendAndReceive("requests", session -> session.createTextMessage("ping"));

        assertThat(reply).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) reply).getText()).isEqualTo("PING");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendToRepliesToItsDefaultDestinationWhenTheRequestHasNoReplyTo(Transport transport) throws JMSException {
        start(transport);
        JmsTemplate template = template();

        template.convertAndSend("requests", "hello");

        assertThat(template.receiveAndConvert("replies")).isEqualTo("HELLO");
    }
}
