package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.springframework.jms.core.JmsTemplate;

/**
 * Topic subscriptions made by listener container factories: a durable subscription under a client ID
 * keeps what is published while its application is down; a shared subscription splits the messages
 * among its consumers while a plain subscriber sees them all.
 */
class TopicSubscriptionTest {

    /** What the topic listeners saw. */
    static class TopicListeners {
        final Queue<Delivery> audit = new ConcurrentLinkedQueue<>();
        final Queue<Delivery> sharedReaders = new ConcurrentLinkedQueue<>();
        final Queue<Delivery> sharedDurableReaders = new ConcurrentLinkedQueue<>();
        final Queue<Delivery> everything = new ConcurrentLinkedQueue<>();
    }

    @Configuration
    @EnableJms
    static class DurableConfig {

        @Bean
        DefaultJmsListenerContainerFactory durableFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = topicFactory(connectionFactory);
            factory.setSubscriptionDurable(true);
            factory.setClientId("audit-app");
            return factory;
        }

        @Bean
        TopicListeners topicListeners() {
            return new TopicListeners();
        }

        @Bean
        AuditListener auditListener(TopicListeners listeners) {
            return new AuditListener(listeners);
        }
    }

    /** The one subscriber of the durable subscription "audit" of client "audit-app". */
    static class AuditListener {
        private final TopicListeners listeners;

        AuditListener(TopicListeners listeners) {
            this.listeners = listeners;
        }

        @JmsListener(destination = "prices", subscription = "audit", containerFactory = "durableFactory")
        void onPrice(Message message) throws JMSException {
            listeners.audit.add(Delivery.of(message));
        }
    }

    @Configuration
    @EnableJms
    static class SharedConfig {

        @Bean
        DefaultJmsListenerContainerFactory sharedFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = topicFactory(connectionFactory);
            factory.setSubscriptionShared(true);
            factory.setConcurrency("2-2");
            return factory;
        }

        @Bean
        DefaultJmsListenerContainerFactory sharedDurableFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = topicFactory(connectionFactory);
            factory.setSubscriptionShared(true);
            factory.setSubscriptionDurable(true);
            factory.setConcurrency("2-2");
            return factory;
        }

        @Bean
        DefaultJmsListenerContainerFactory plainTopicFactory(ConnectionFactory connectionFactory) {
            return topicFactory(connectionFactory);
        }

        @Bean
        TopicListeners topicListeners() {
            return new TopicListeners();
        }

        @Bean
        NewsListeners newsListeners(TopicListeners listeners) {
            return new NewsListeners(listeners);
        }
    }

    /** Three subscriptions of topic "news": shared, shared durable, and a plain one. */
    static class NewsListeners {
        private final TopicListeners listeners;

        NewsListeners(TopicListeners listeners) {
            this.listeners = listeners;
        }

        @JmsListener(destination = "news", subscription = "readers", containerFactory = "sharedFactory")
        void onShared(Message message) throws JMSException {
            listeners.sharedReaders.add(Delivery.of(message));
        }

        @JmsListener(destination = "news", subscription = "archive", containerFactory = "sharedDurableFactory")
        void onSharedDurable(Message message) throws JMSException {
            listeners.sharedDurableReaders.add(Delivery.of(message));
        }

        @JmsListener(destination = "news", containerFactory = "plainTopicFactory")
        void onEverything(Message message) throws JMSException {
            listeners.everything.add(Delivery.of(message));
        }
    }

    static DefaultJmsListenerContainerFactory topicFactory(ConnectionFactory connectionFactory) {
        DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setPubSubDomain(true);
        factory.setReceiveTimeout(500L);
        return factory;
    }

    private TernTestBroker broker;
    private AnnotationConfigApplicationContext context;
    private JmsTemplate publisher;

    private void startBroker(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        publisher = new JmsTemplate(broker.connectionFactory());
        publisher.setPubSubDomain(true);
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void durableSubscriptionKeepsWhatIsPublishedWhileTheApplicationIsDown(Transport transport) throws JMSException {
        startBroker(transport);
        context = SpringContexts.start(broker.connectionFactory(), DurableConfig.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.topicConsumers("prices") == 1);
        publisher.convertAndSend("prices", "p1");
        TopicListeners first = context.getBean(TopicListeners.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.audit.size() == 1);
        context.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.topicConsumers("prices") == 0);

        publisher.convertAndSend("prices", "p2");
        publisher.convertAndSend("prices", "p3");
        context = SpringContexts.start(broker.connectionFactory(), DurableConfig.class);
        TopicListeners second = context.getBean(TopicListeners.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> second.audit.size() == 2);
        assertThat(first.audit).extracting(Delivery::body).containsExactly("p1");
        assertThat(second.audit).extracting(Delivery::body).containsExactly("p2", "p3");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sharedSubscriptionsSplitMessagesWhileAPlainSubscriberSeesThemAll(Transport transport) throws JMSException {
        startBroker(transport);
        context = SpringContexts.start(broker.connectionFactory(), SharedConfig.class);
        TopicListeners listeners = context.getBean(TopicListeners.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.topicConsumers("news")).isEqualTo(5));

        IntStream.range(0, 20).forEach(i -> publisher.convertAndSend("news", "n" + i));

        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.everything.size() == 20
                && listeners.sharedReaders.size() == 20 && listeners.sharedDurableReaders.size() == 20);
        var expected = IntStream.range(0, 20).mapToObj(i -> "n" + i).toList();
        assertThat(listeners.everything).extracting(Delivery::body).containsExactlyElementsOf(expected);
        assertThat(listeners.sharedReaders).extracting(Delivery::body).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listeners.sharedDurableReaders).extracting(Delivery::body)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(broker.topicConsumers("news")).isEqualTo(5);
    }
}
