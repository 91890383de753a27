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
    void sendOptionsAreReadAndBadValuesNamed() {
        ClientOptions options = ClientOptions.defaults()
                .with(BrokerUrl.parse("vm://x?jms.syncSends=true&jms.sendWindow=5").clientOptions());
        assertThat(options.syncSends()).isTrue();
        assertThat(options.sendWindow()).isEqualTo(5);
        assertThat(ClientOptions.defaults().syncSends()).isFalse();
        assertThat(ClientOptions.defaults().sendWindow()).isEqualTo(ClientOptions.DEFAULT_SEND_WINDOW);

        assertThatThrownBy(() -> ClientOptions.defaults().with(BrokerUrl.parse("vm://x?jms.sendWindow=0").clientOptions()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jms.sendWindow");
        assertThatThrownBy(() -> ClientOptions.defaults().with(BrokerUrl.parse("vm://x?jms.syncSends=maybe").clientOptions()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jms.syncSends");
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
        assertThatThrownBy(() -> BrokerUrl.parse("http://host")).hasMessageContaining("vm://, tcp://, ssl://");
    }

    @Test
    void sslUrlsAreTcpWithTlsOptionsWhichTcpUrlsRefuse() {
        BrokerUrl url = BrokerUrl.parse("ssl://broker:61617?jms.trustStore=/etc/t.p12&jms.verifyHostName=false");
        assertThat(url.isTcp()).isTrue();
        assertThat(url.isSsl()).isTrue();
        assertThat(url.clientOptions()).containsEntry("trustStore", "/etc/t.p12");
        assertThat(ClientOptions.defaults().with(url.clientOptions())).isEqualTo(ClientOptions.defaults());
        assertThatThrownBy(() -> BrokerUrl.parse("tcp://broker?jms.trustStore=/etc/t.p12"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssl://");
    }

    @Test
    void failoverUrlsListTheirMembersAndShareTheOuterClientOptions() {
        BrokerUrl url = BrokerUrl.parse("failover:(tcp://a:1,ssl://b:2?jms.trustStore=t.p12)"
                + "?failover.maxReconnectAttempts=5&jms.prefetch=7");
        assertThat(url.isFailover()).isTrue();
        assertThat(url.failoverMembers()).extracting(BrokerUrl::host).containsExactly("a", "b");
        assertThat(url.failoverMembers().get(1).clientOptions()).containsEntry("trustStore", "t.p12")
                .containsEntry("prefetch", "7");
        assertThat(url.clientOptions()).isEqualTo(Map.of("prefetch", "7"));
        assertThat(url.failoverOptions()).isEqualTo(Map.of("maxReconnectAttempts", "5"));
        assertThat(BrokerUrl.parse("failover:tcp://a:1").failoverMembers()).hasSize(1);
        assertThat(BrokerUrl.parse("failover:(tcp://a:1)").failoverMembers()).hasSize(1);
    }

    @Test
    void failoverUrlsRefuseUnknownOptionsAndVmMembers() {
        assertThatThrownBy(() -> BrokerUrl.parse("failover:(tcp://a:1)?failover.bogus=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failover.bogus");
        assertThatThrownBy(() -> BrokerUrl.parse("failover:(vm://a)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp:// and ssl://");
        assertThatThrownBy(() -> BrokerUrl.parse("failover:(tcp://a:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parenthesis");
    }
}
