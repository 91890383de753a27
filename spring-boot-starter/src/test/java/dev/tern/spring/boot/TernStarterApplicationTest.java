package dev.tern.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.spring.boot.app.OrdersApplication;
import dev.tern.spring.boot.app.OrdersApplication.OrderListeners;
import dev.tern.spring.boot.app.OrdersApplication.Seen;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.config.JmsListenerEndpointRegistry;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/** A whole Boot application context with only the starter: Boot's JMS support runs on Tern. */
@SpringBootTest(classes = OrdersApplication.class, properties = {
        "tern.embedded.name=orders-app",
        "tern.queues=orders,audit",
        "spring.jms.listener.min-concurrency=2",
        "spring.jms.listener.max-concurrency=4",
        "spring.jms.template.receive-timeout=5s"})
class TernStarterApplicationTest {

    @Autowired
    JmsTemplate jmsTemplate;

    @Autowired
    OrderListeners listeners;

    @Autowired
    JmsListenerEndpointRegistry registry;

    @Test
    void jmsListenerReceivesWhatTheAutoConfiguredTemplateSends() {
        jmsTemplate.convertAndSend("orders", "order 1");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(listeners.orders).containsExactly(new Seen("order 1", false, 1)));
    }

    @Test
    void listenerContainersFollowSpringJmsListenerProperties() {
        DefaultMessageListenerContainer container =
                (DefaultMessageListenerContainer) registry.getListenerContainer("orders");

        assertThat(container.getConcurrentConsumers()).isEqualTo(2);
        assertThat(container.getMaxConcurrentConsumers()).isEqualTo(4);
        assertThat(container.isSessionTransacted()).as("Boot's default without a JTA transaction manager").isTrue();
    }

    @Test
    void failingListenerGetsTheMessageAgainMarkedRedelivered() {
        jmsTemplate.convertAndSend("fragile", "fragile 1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listeners.failing)
                .containsExactly(new Seen("fragile 1", false, 1), new Seen("fragile 1", true, 2)));
    }

    @Test
    void sendToAnswersTheRequester() throws Exception {
        Message reply = jmsTemplate.sendAndReceive("quotes", session -> session.createTextMessage("tea"));

        assertThat(((TextMessage) reply).getText()).isEqualTo("quote for tea");
    }

    @Test
    void configuredQueuesExistOnTheEmbeddedBroker() {
        var broker = EmbeddedBrokers.find("orders-app").orElseThrow();

        assertThat(broker.messageCount("audit")).hasValue(0);
    }
}
