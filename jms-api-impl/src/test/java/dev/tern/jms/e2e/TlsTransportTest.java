package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.net.TlsSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Queue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl://}: a broker serving TLS with a self-signed certificate made at test time. */
@Timeout(60)
class TlsTransportTest {

    @TempDir
    static Path dir;
    static Path brokerStore;
    static Path strangerStore;

    private String name;

    @BeforeAll
    static void makeKeyStores() throws Exception {
        brokerStore = TestKeyStores.selfSigned(dir, "broker");
        strangerStore = TestKeyStores.selfSigned(dir, "stranger");
    }

    @AfterEach
    void stopBroker() {
        if (name != null) {
            EmbeddedBrokers.stop(name);
        }
    }

    private int startBroker(TlsSettings tls) {
        name = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1").withTls(tls)));
        return broker.tcpPort();
    }

    private static String trusting(int port, Path trustStore) {
        return "ssl://127.0.0.1:" + port + "?jms.requestTimeout=10000&jms.trustStore=" + trustStore
                + "&jms.trustStorePassword=" + TestKeyStores.PASSWORD;
    }

    private static void roundTrip(String url) {
        try (JMSContext context = new TernConnectionFactory(url).createContext()) {
            Queue queue = context.createQueue("secrets");
            context.createProducer().send(queue, "over TLS");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5_000)).isEqualTo("over TLS");
        }
    }

    @Test
    void messagesMakeARoundTripOverTls() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD));
        roundTrip(trusting(port, brokerStore));
    }

    @Test
    void aClientThatDoesNotTrustTheBrokerFailsClearlyAndTheBrokerKeepsServing() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD));

        assertThatThrownBy(() -> new TernConnectionFactory(trusting(port, strangerStore)).createConnection())
                .isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("TLS handshake with ssl://127.0.0.1:" + port)
                .hasMessageContaining("jms.trustStore");
        roundTrip(trusting(port, brokerStore));
    }

    @Test
    void aPlaintextClientToATlsPortFailsAndTheBrokerKeepsServing() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD));

        long start = System.nanoTime();
        assertThatThrownBy(() -> new TernConnectionFactory("tcp://127.0.0.1:" + port + "?jms.requestTimeout=10000")
                .createConnection())
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("tcp://127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        roundTrip(trusting(port, brokerStore));
    }

    @Test
    void aTlsClientToAPlaintextPortFailsAndTheBrokerKeepsServing() {
        int port = startBroker(null);

        assertThatThrownBy(() -> new TernConnectionFactory(trusting(port, brokerStore)).createConnection())
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("ssl://127.0.0.1:" + port);
        roundTrip("tcp://127.0.0.1:" + port);
    }

    @Test
    void aBrokerRequiringClientCertificatesRefusesClientsWithoutOne() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD)
                .requiringClientsTrustedBy(brokerStore, TestKeyStores.PASSWORD));

        assertThatThrownBy(() -> roundTrip(trusting(port, brokerStore))).isInstanceOf(RuntimeException.class);
        roundTrip(trusting(port, brokerStore) + "&jms.keyStore=" + brokerStore
                + "&jms.keyStorePassword=" + TestKeyStores.PASSWORD);
    }

    @Test
    void failoverWorksOverSslMembers() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD));
        roundTrip("failover:(" + trusting(port, brokerStore) + ")?failover.maxReconnectAttempts=0");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessVerificationIsTurnedOff() throws Exception {
        Path elsewhere = TestKeyStores.selfSigned(dir, "elsewhere", "dns:elsewhere.example");
        int port = startBroker(TlsSettings.withKeyStore(elsewhere, TestKeyStores.PASSWORD));

        assertThatThrownBy(() -> new TernConnectionFactory(trusting(port, elsewhere)).createConnection())
                .isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("TLS handshake with ssl://127.0.0.1:" + port)
                .hasMessageContaining("names the host");
        roundTrip(trusting(port, elsewhere) + "&jms.verifyHostName=false");
        roundTrip(trusting(port, elsewhere) + "&jms.verifyHost=false");
    }

    @Test
    void aClientAndABrokerWithNoTlsVersionInCommonFailTheHandshake() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD)
                .offering(List.of("TLSv1.3"), null));

        assertThatThrownBy(() -> new TernConnectionFactory(trusting(port, brokerStore) + "&jms.tlsProtocols=TLSv1.2")
                .createConnection())
                .isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("TLS handshake with ssl://127.0.0.1:" + port);
        roundTrip(trusting(port, brokerStore));
        roundTrip(trusting(port, brokerStore) + "&jms.tlsCipherSuites=TLS_AES_128_GCM_SHA256");
    }

    @Test
    void aTlsVersionOlderThan12IsRefusedNamingTheOption() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD));

        assertThatThrownBy(() -> new TernConnectionFactory(trusting(port, brokerStore) + "&jms.tlsProtocols=TLSv1.1")
                .createConnection())
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("jms.tlsProtocols may list TLSv1.3 and TLSv1.2, was 'TLSv1.1'");
    }

    @Test
    void hostNameVerificationCanBeTurnedOffForTests() {
        int port = startBroker(TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD));
        // The certificate names localhost and 127.0.0.1; both verify, and turning verification off changes nothing here.
        String url = trusting(port, brokerStore).replace("127.0.0.1", "localhost");
        roundTrip(url);
        roundTrip(url + "&jms.verifyHostName=false");
    }
}
