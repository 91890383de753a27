package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.wire.NettyTransport;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rest of the suite runs over epoll where it loads (Linux on x86_64, as in CI); this runs the broker and
 * the client over Java's NIO, as on every other platform, with epoll turned off by its property.
 */
@Timeout(60)
class NioTransportTest {

    private final String name = "nio-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopBrokerAndRestoreTheTransport() {
        EmbeddedBrokers.stop(name);
        System.clearProperty(NettyTransport.USE_EPOLL_PROPERTY);
    }

    @Test
    void brokerAndClientServeOverNioWhenEpollIsTurnedOff() {
        System.setProperty(NettyTransport.USE_EPOLL_PROPERTY, "false");
        assertThat(NettyTransport.epoll()).isFalse();
        Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));

        try (JMSContext context = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createContext()) {
            Queue queue = context.createQueue("nio.orders");
            context.createProducer().send(queue, "over NIO");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 10_000)).isEqualTo("over NIO");
        }
    }
}
