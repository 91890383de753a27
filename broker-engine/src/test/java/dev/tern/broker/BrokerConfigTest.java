package dev.tern.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.net.TcpSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void tcpIsOffUnlessAskedFor() {
        assertThat(BrokerConfig.named("b").tcp()).isNull();
        assertThat(BrokerConfig.named("b").withTcpPort(0).tcp()).isEqualTo(TcpSettings.onPort(0));
    }

    @Test
    void theTcpPortOptionTurnsTcpOn() {
        BrokerConfig config = BrokerConfig.fromOptions("b", Map.of("tcpPort", "61617", "persistent", "false"));
        assertThat(config.tcp().port()).isEqualTo(61617);
        assertThat(config.persistent()).isFalse();
        assertThatThrownBy(() -> BrokerConfig.fromOptions("b", Map.of("tcpPort", "x")))
                .hasMessageContaining("broker.tcpPort");
    }

    @Test
    void aBrokerWithoutTcpSaysHowToTurnItOn() {
        try (Broker broker = Broker.start(BrokerConfig.named("no-tcp").withPersistent(false))) {
            assertThatThrownBy(broker::tcpPort).hasMessageContaining("withTcpPort");
        }
    }

    @Test
    void closingABrokerStopsItsTcpThreads() {
        Broker broker = Broker.start(BrokerConfig.named("tcp-threads").withPersistent(false).withTcp(
                TcpSettings.onPort(0).withHost("127.0.0.1")));
        assertThat(broker.tcpPort()).isPositive();
        broker.close();
        // Netty completes a group's termination from its last thread, which then still has to return.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("tern-tcp-threads-")));
    }

    @Test
    void aPortInUseIsAClearError() {
        try (Broker first = Broker.start(BrokerConfig.named("first").withPersistent(false).withTcp(
                TcpSettings.onPort(0).withHost("127.0.0.1")))) {
            int port = first.tcpPort();
            assertThatThrownBy(() -> Broker.start(BrokerConfig.named("second").withPersistent(false).withTcp(
                    TcpSettings.onPort(port).withHost("127.0.0.1"))))
                    .hasMessageContaining("Cannot listen on tcp://127.0.0.1:" + port);
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("tern-second-"));
    }
}
