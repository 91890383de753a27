package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link JmsTransactionManager} with {@code @Transactional} methods and a transacted listener container:
 * a commit makes the sends visible, a rollback discards them and gives the consumed message back,
 * marked redelivered.
 */
class TransactionManagerTest {

    /** Sends and receives inside Spring-managed local JMS transactions. */
    static class OrderService {
        private final JmsTemplate jms;

        OrderService(JmsTemplate jms) {
            this.jms = jms;
        }

        @Transactional
        public void sendAll(List<String> bodies) {
            bodies.forEach(body -> jms.convertAndSend("shipments", body));
        }

        @Transactional
        public void sendAllThenFail(List<String> bodies) {
            sendAll(bodies);
            throw new IllegalStateException("payment declined");
        }

        /** Moves one message from "incoming" to "shipments", then fails if asked to. */
        @Transactional
        public void forwardOne(boolean fail) {
            Object body = jms.receiveAndConvert("incoming");
            jms.convertAndSend("shipments", "shipped " + body);
            if (fail) {
                throw new IllegalStateException("warehouse unavailable");
            }
        }
    }

    /** A listener that forwards inside the container's transaction, failing the first attempt of "fail..." bodies. */
    static class Forwarder {
        final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        private final JmsTemplate jms;

        Forwarder(JmsTemplate jms) {
            this.jms = jms;
        }

        @JmsListener(destination = "to-forward", containerFactory = "transactedFactory")
        public void onMessage(Message message) throws JMSException {
            Delivery delivery = Delivery.of(message);
            deliveries.add(delivery);
            jms.convertAndSend("forwarded", delivery.body());
            if (delivery.body().startsWith("fail") && failedOnce.add(delivery.body())) {
                throw new IllegalStateException("listener failure after forwarding " + delivery.body());
            }
        }
    }

    @Configuration
    @EnableJms
    @EnableTransactionManagement
    static class TransactionConfig {

        /** Caches one connection and its sessions; consumers are not cached, so no message waits in an idle one. */
        @Bean
        CachingConnectionFactory cachingConnectionFactory(ConnectionFactory connectionFactory) {
            CachingConnectionFactory caching = new CachingConnectionFactory(connectionFactory);
            caching.setCacheConsumers(false);
            return caching;
        }

        @Bean
        JmsTransactionManager transactionManager(CachingConnectionFactory cachingConnectionFactory) {
            return new JmsTransactionManager(cachingConnectionFactory);
        }

        @Bean
        JmsTemplate jmsTemplate(CachingConnectionFactory cachingConnectionFactory) {
            JmsTemplate template = new JmsTemplate(cachingConnectionFactory);
            template.setSessionTransacted(true);
            template.setReceiveTimeout(5_000);
            return template;
        }

        @Bean
        DefaultJmsListenerContainerFactory transactedFactory(CachingConnectionFactory cachingConnectionFactory,
                PlatformTransactionManager transactionManager) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(cachingConnectionFactory);
            factory.setTransactionManager(transactionManager);
            factory.setReceiveTimeout(500L);
            return factory;
        }

        @Bean
        OrderService orderService(JmsTemplate jmsTemplate) {
            return new OrderService(jmsTemplate);
        }

        @Bean
        Forwarder forwarder(JmsTemplate jmsTemplate) {
            return new Forwarder(jmsTemplate);
        }
    }

    private TernTestBroker broker;
    private AnnotationConfigApplicationContext context;
    private JmsTemplate plain;

    private OrderService start(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        context = SpringContexts.start(broker.connectionFactory(), TransactionConfig.class);
        plain = new JmsTemplate(broker.connectionFactory());
        plain.setReceiveTimeout(5_000);
        return context.getBean(OrderService.class);
    }

    @AfterEach
    void stop() throws JMSException {
        if (context != null) {
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The next message on the queue is the marker sent now: nothing else was waiting ahead of it. */
    private void assertNothingElseWaitingOn(String queue) {
        plain.convertAndSend(queue, "marker");
        assertThat(plain.receiveAndConvert(queue)).isEqualTo("marker");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void commitMakesEverySendVisible(Transport transport) throws JMSException {
        OrderService service = start(transport);

        service.sendAll(List.of("a", "b", "c"));

        assertThat(List.of(plain.receiveAndConvert("shipments"), plain.receiveAndConvert("shipments"),
                plain.receiveAndConvert("shipments"))).containsExactly("a", "b", "c");
        assertNothingElseWaitingOn("shipments");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rollbackOnExceptionDiscardsTheSends(Transport transport) throws JMSException {
        OrderService service = start(transport);

        assertThatThrownBy(() -> service.sendAllThenFail(List.of("a", "b")))
                .isInstanceOf(IllegalStateException.class).hasMessage("payment declined");

        assertNothingElseWaitingOn("shipments");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rollbackRedeliversTheConsumedMessageAndCommitConsumesIt(Transport transport) throws JMSException {
        OrderService service = start(transport);
        plain.convertAndSend("incoming", "order 1");

        assertThatThrownBy(() -> service.forwardOne(true)).hasMessage("warehouse unavailable");
        service.forwardOne(false);

        assertThat(plain.receiveAndConvert("shipments")).isEqualTo("shipped order 1");
        assertNothingElseWaitingOn("shipments");
        assertNothingElseWaitingOn("incoming");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rolledBackMessageComesBackMarkedRedelivered(Transport transport) throws JMSException {
        OrderService service = start(transport);
        plain.convertAndSend("incoming", "order 2");

        assertThatThrownBy(() -> service.forwardOne(true)).hasMessage("warehouse unavailable");
        Message again = plain.receive("incoming");

        assertThat(((TextMessage) again).getText()).isEqualTo("order 2");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertNothingElseWaitingOn("shipments");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listenerContainerWithTheTransactionManagerSendsOnlyWhatCommitted(Transport transport) throws JMSException {
        start(transport);
        Forwarder forwarder = context.getBean(Forwarder.class);

        plain.convertAndSend("to-forward", "fail first");
        plain.convertAndSend("to-forward", "fine");

        await().atMost(Duration.ofSeconds(15)).until(() -> forwarder.deliveries.size() == 3);
        assertThat(List.of(plain.receiveAndConvert("forwarded"), plain.receiveAndConvert("forwarded")))
                .containsExactlyInAnyOrder("fail first", "fine");
        assertNothingElseWaitingOn("forwarded");
        assertThat(forwarder.deliveries).filteredOn(d -> d.body().equals("fail first"))
                .extracting(Delivery::redelivered, Delivery::deliveryCount)
                .containsExactly(tuple(false, 1), tuple(true, 2));
    }
}
