package dev.tern.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerUrlTest {

    @Test
    void vmUrlsCarryBrokerAndClientOptions() {
        BrokerUrl url = BrokerUrl.parse("vm://local?broker.persistent=false&jms.prefetch=5");
        assertThat(url.isTcp()).isFalse();
        assertThat(url.host()).isEqualTo("local");
        assertThat(url.port()).isEqualTo(-1);
        assertThat(url.brokerOptions()).isEqualTo(Map.of("persistent", "false"));
        assertThat(url.clientOptions()).isEqualTo(Map.of("prefetch", "5"));
    }

    @Test
    void tcpUrlsHaveAHostAndAPortDefaultingTo61616() {
        BrokerUrl url = BrokerUrl.parse("tcp://broker.example.com:1234?jms.prefetch=5");
        assertThat(url.isTcp()).isTrue();
        assertThat(url.host()).isEqualTo("broker.example.com");
        assertThat(url.port()).isEqualTo(1234);
        assertThat(url.clientOptions()).isEqualTo(Map.of("prefetch", "5"));
        assertThat(BrokerUrl.parse("tcp://10.0.0.1").port()).isEqualTo(61616);
        assertThat(BrokerUrl.parse("tcp://localhost/").host()).isEqualTo("localhost");
    }

    @Test
    void prefetchZeroMeansPullingAndANegativeOneIsRefused() {
        assertThat(ClientOptions.defaults().with(BrokerUrl.parse("vm://x?jms.prefetch=0").clientOptions()).prefetch()).isZero();
        assertThatThrownBy(() -> new TernConnectionFactory("vm://x?jms.prefetch=-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jms.prefetch");
    }

    @Test
    void ipv6AddressesGoInBrackets() {
        BrokerUrl url = BrokerUrl.parse("tcp://[::1]:5000");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(5000);
        assertThat(BrokerUrl.parse("tcp://[fe80::1]").port()).isEqualTo(61616);
    }

    @Test
    void badTcpUrlsNameTheProblem() {
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://host:99999")).hasMessageContaining("port '99999'");
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://host:abc")).hasMessageContaining("port 'abc'");
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://:61616")).hasMessageContaining("host name");
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://host?broker.persistent=false"))
                .hasMessageContaining("vm:// URLs only");
        assertThatThrownBy(() -> BrokerUrl.parse("http://host")).hasMessageContaining("vm:// and tcp://");
    }
}
