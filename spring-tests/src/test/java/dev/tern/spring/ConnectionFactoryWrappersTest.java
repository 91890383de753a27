package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.SimpleMessageListenerContainer;

/**
 * Tern behind Spring's {@link CachingConnectionFactory} and {@link SimpleMessageListenerContainer}, and
 * behind pooled-jms's {@link JmsPoolConnectionFactory}: connections are shared, not opened per
 * operation, and closing the wrapper releases them on the broker.
 */
class ConnectionFactoryWrappersTest {

    /** Records what arrives; fails the first delivery of each "fail..." body. */
    static class RecordingListener implements MessageListener {
        final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

        @Override
        public void onMessage(Message message) {
            try {
                Delivery delivery = Delivery.of(message);
                deliveries.add(delivery);
                if (delivery.body().startsWith("fail") && failedOnce.add(delivery.body())) {
                    throw new IllegalStateException("listener failure for " + delivery.body());
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Configuration
    static class SimpleContainerConfig {

        @Bean
        CachingConnectionFactory cachingConnectionFactory(ConnectionFactory connectionFactory) {
            return new CachingConnectionFactory(connectionFactory);
        }

        @Bean
        RecordingListener plainListener() {
            return new RecordingListener();
        }

        @Bean
        RecordingListener transactedListener() {
            return new RecordingListener();
        }

        @Bean
        SimpleMessageListenerContainer plainContainer(CachingConnectionFactory cachingConnectionFactory) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer();
            container.setConnectionFactory(cachingConnectionFactory);
            container.setDestinationName("simple");
            container.setConcurrentConsumers(3);
            container.setMessageListener(plainListener());
            return container;
        }

        @Bean
        SimpleMessageListenerContainer transactedContainer(CachingConnectionFactory cachingConnectionFactory) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer();
            container.setConnectionFactory(cachingConnectionFactory);
            container.setDestinationName("simple-transacted");
            container.setSessionTransacted(true);
            container.setMessageListener(transactedListener());
            return container;
        }
    }

    private TernTestBroker broker;
    private AnnotationConfigApplicationContext context;

    @AfterEach
    void stop() throws JMSException {
        if (context != null) {
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cachingConnectionFactoryServesManyTemplateCallsOverOneConnection(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        CachingConnectionFactory caching = new CachingConnectionFactory(broker.connectionFactory());
        JmsTemplate template = new JmsTemplate(caching);
        template.setReceiveTimeout(5_000);

        IntStream.range(0, 50).forEach(i -> template.convertAndSend("cached", "m" + i));
        List<Object> received = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            received.add(template.receiveAndConvert("cached"));
        }

        assertThat(received).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "m" + i).toList());
        assertThat(broker.clientConnections()).isEqualTo(1);
        caching.destroy();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.clientConnections() == 0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void simpleListenerContainerWithThreeConsumersGetsEveryMessageOnce(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        context = SpringContexts.start(broker.connectionFactory(), SimpleContainerConfig.class);
        RecordingListener listener = context.getBean("plainListener", RecordingListener.class);
        JmsTemplate template = new JmsTemplate(context.getBean(CachingConnectionFactory.class));
        IntStream.range(0, 100).forEach(i -> template.convertAndSend("simple", "m" + i));
        await().atMost(Duration.ofSeconds(15)).until(() -> listener.deliveries.size() >= 100);
        assertThat(listener.deliveries).extracting(Delivery::body)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());
        context.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.clientConnections() == 0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void simpleListenerContainerRollsBackAndTernRedeliversAfterAFailingListener(Transport transport)
            throws JMSException {
        broker = new TernTestBroker(transport);
        context = SpringContexts.start(broker.connectionFactory(), SimpleContainerConfig.class);
        RecordingListener listener = context.getBean("transactedListener", RecordingListener.class);
        JmsTemplate template = new JmsTemplate(broker.connectionFactory());

        template.convertAndSend("simple-transacted", "fail once");

        await().atMost(Duration.ofSeconds(15)).until(() -> listener.deliveries.size() == 2);
        assertThat(listener.deliveries).extracting(Delivery::redelivered, Delivery::deliveryCount)
                .containsExactly(tuple(false, 1),
                        tuple(true, 2));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pooledJmsSharesItsConnectionsAndReleasesThemOnStop(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(broker.connectionFactory());
        pool.setMaxConnections(2);
        try {
            JmsTemplate template = new JmsTemplate(pool);
            template.setReceiveTimeout(5_000);

            IntStream.range(0, 40).forEach(i -> template.convertAndSend("pooled", "m" + i));
            List<Object> received = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                received.add(template.receiveAndConvert("pooled"));
            }
            try (JMSContext jmsContext = pool.createContext()) {
                jmsContext.createProducer().send(jmsContext.createQueue("pooled"), "through JMSContext");
                // pooled-jms's JMSConsumer has no receiveBody; receive() works.
                Message message = jmsContext.createConsumer(jmsContext.createQueue("pooled")).receive(5_000);
                assertThat(message.getBody(String.class)).isEqualTo("through JMSContext");
            }

            assertThat(received).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "m" + i).toList());
            assertThat(pool.getNumConnections()).isBetween(1, 2);
            assertThat(broker.clientConnections()).isBetween(1, 2);
        } finally {
            pool.stop();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.clientConnections() == 0);
    }
}
