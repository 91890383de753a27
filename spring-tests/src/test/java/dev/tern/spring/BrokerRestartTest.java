package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;

/**
 * A {@link DefaultMessageListenerContainer} connected over {@code tcp://} notices when its broker goes
 * away and, once a broker answers on the same address again, consumes from it without help.
 */
class BrokerRestartTest {

    private final String brokerName = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private DefaultMessageListenerContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.shutdown();
        }
        EmbeddedBrokers.stop(brokerName);
    }

    private Broker startBroker(int port) {
        return EmbeddedBrokers.start(BrokerConfig.named(brokerName).withPersistent(false)
                .withTcp(TcpSettings.onPort(port).withHost("127.0.0.1")));
    }

    @Test
    void listenerContainerRecoversWhenTheBrokerComesBack() throws JMSException {
        Broker broker = startBroker(0);
        int port = broker.tcpPort();
        TernConnectionFactory factory = new TernConnectionFactory("tcp://127.0.0.1:" + port);
        Queue<String> received = new ConcurrentLinkedQueue<>();
        container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.setDestinationName("jobs");
        container.setReceiveTimeout(200);
        container.setRecoveryInterval(100);
        container.setMessageListener((SessionAwareMessageListener<Message>) (message, session) ->
                received.add(message.getBody(String.class)));
        container.afterPropertiesSet();
        container.start();
        JmsTemplate template = new JmsTemplate(factory);
        template.convertAndSend("jobs", "before");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("before"));

        EmbeddedBrokers.stop(brokerName);
        startBroker(port);
        template.convertAndSend("jobs", "after");

        await().atMost(Duration.ofSeconds(15)).until(() -> received.contains("after"));
        assertThat(received).containsExactly("before", "after");
    }
}
