package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.BrokerException;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.net.TlsSettings;
import dev.tern.broker.security.AccessRules;
import dev.tern.broker.security.JaasSettings;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logins besides the users file: a JAAS configuration file with a login module of the tests' own,
 * and client certificates mapped to users; each with real files and certificates made here, over
 * {@code tcp://} and {@code ssl://}, and the roles they give deciding the access rules.
 */
@Timeout(60)
class PluggableLoginTest {

    private static final AccessRules SHOP_SENDS = AccessRules.fromOptions(Map.of(
            "orders.>.send", "shop", "orders.>.consume", "shop"));

    @TempDir
    static Path dir;
    static Path brokerStore;
    static Path aliceStore;
    static Path strangerStore;
    static Path clientsTrusted;

    private final String name = "login-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void makeKeyStores() throws Exception {
        brokerStore = TestKeyStores.selfSigned(dir, "broker");
        aliceStore = TestKeyStores.selfSigned(dir, "alice");
        strangerStore = TestKeyStores.selfSigned(dir, "stranger");
        clientsTrusted = TestKeyStores.trusting(dir, "clients", aliceStore, strangerStore);
    }

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void aJaasLoginModuleChecksPasswordsAndItsPrincipalsAreTheRoles() throws Exception {
        Path config = jaasConfig("tern");
        String url = start(SecuritySettings.NONE.withJaas(JaasSettings.of(config)).withAccessRules(SHOP_SENDS), null);
        TernConnectionFactory factory = new TernConnectionFactory(url);

        try (JMSContext alice = factory.createContext("alice", "secret")) {
            alice.createProducer().send(alice.createQueue("orders.eu"), "from alice");
        }
        try (JMSContext bob = factory.createContext("bob", "hunter2")) {
            assertThatThrownBy(() -> bob.createProducer().send(bob.createQueue("orders.eu"), "from bob"))
                    .isInstanceOf(JMSSecurityRuntimeException.class).hasMessageContaining("'bob'");
        }
        assertThatThrownBy(() -> factory.createContext("alice", "wrong")).isInstanceOf(JMSSecurityRuntimeException.class)
                .hasMessageContaining("alice");
        assertThatThrownBy(() -> factory.createContext()).isInstanceOf(JMSSecurityRuntimeException.class);
        assertThat(EmbeddedBrokers.find(name).orElseThrow().messageCount("orders.eu")).hasValue(1);
    }

    @Test
    void theRolesCanComeFromPrincipalsOfAnotherClassAndAnotherEntry() throws Exception {
        Path config = jaasConfig("ldapish");
        JaasSettings jaas = JaasSettings.of(config).withEntry("ldapish")
                .withRolePrincipalClasses(Set.of(MapLoginModule.GroupPrincipal.class.getName()));
        String url = start(SecuritySettings.NONE.withJaas(jaas).withAccessRules(SHOP_SENDS), null);

        try (JMSContext alice = new TernConnectionFactory(url).createContext("alice", "secret")) {
            alice.createProducer().send(alice.createQueue("orders.eu"), "from alice");
        }
    }

    @Test
    void aBadJaasConfigurationStopsTheBrokerFromStartingNamingTheProblem() throws Exception {
        Path config = jaasConfig("tern");
        assertThatThrownBy(() -> start(SecuritySettings.NONE.withJaas(JaasSettings.of(config).withEntry("missing")), null))
                .isInstanceOf(BrokerException.class).hasMessageContaining("no entry 'missing'");
        Path broken = Files.writeString(dir.resolve("broken.config"), "tern { no closing brace");
        assertThatThrownBy(() -> start(SecuritySettings.NONE.withJaas(JaasSettings.of(broken)), null))
                .isInstanceOf(BrokerException.class).hasMessageContaining("broken.config");
        Path users = Files.writeString(dir.resolve("users.properties"), "alice = secret\n");
        assertThatThrownBy(() -> start(SecuritySettings.NONE.withJaas(JaasSettings.of(config)).withUsersFile(users), null))
                .isInstanceOf(BrokerException.class).hasMessageContaining("Both a users file and a JAAS configuration");
    }

    @Test
    void aClientCertificateMappedToAUserLogsInAsThatUserWithItsRoles() throws Exception {
        Path certificateUsers = Files.writeString(dir.resolve("cert-users.properties"),
                "alice = CN=alice\nrole.shop = alice\n");
        int port = port(start(SecuritySettings.NONE.withCertificateUsersFile(certificateUsers).withAccessRules(SHOP_SENDS),
                TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD)
                        .requiringClientsTrustedBy(clientsTrusted, TestKeyStores.PASSWORD)));

        try (JMSContext alice = new TernConnectionFactory(withKey(port, aliceStore)).createContext()) {
            alice.createProducer().send(alice.createQueue("orders.eu"), "from alice's certificate");
        }
        assertThatThrownBy(() -> new TernConnectionFactory(withKey(port, strangerStore)).createContext())
                .isInstanceOf(JMSSecurityRuntimeException.class).hasMessageContaining("CN=stranger");
        assertThat(EmbeddedBrokers.find(name).orElseThrow().messageCount("orders.eu")).hasValue(1);
    }

    @Test
    void aCertificateNotMappedFallsBackToThePasswordLogin() throws Exception {
        Path certificateUsers = Files.writeString(dir.resolve("cert-only-alice.properties"), "alice = CN=alice\n");
        Path users = Files.writeString(dir.resolve("password-users.properties"), "stranger = s3cret\n");
        int port = port(start(SecuritySettings.NONE.withCertificateUsersFile(certificateUsers).withUsersFile(users),
                TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD)
                        .requiringClientsTrustedBy(clientsTrusted, TestKeyStores.PASSWORD)));
        TernConnectionFactory stranger = new TernConnectionFactory(withKey(port, strangerStore));

        assertThatThrownBy(stranger::createContext).isInstanceOf(JMSSecurityRuntimeException.class)
                .hasMessageContaining("requires a user name");
        stranger.createContext("stranger", "s3cret").close();
    }

    @Test
    void certificateUsersOnABrokerThatAsksNoClientForACertificateAreRefusedAtStart() throws Exception {
        Path certificateUsers = Files.writeString(dir.resolve("unused-cert-users.properties"), "alice = CN=alice\n");
        assertThatThrownBy(() -> start(SecuritySettings.NONE.withCertificateUsersFile(certificateUsers),
                TlsSettings.withKeyStore(brokerStore, TestKeyStores.PASSWORD)))
                .isInstanceOf(BrokerException.class).hasMessageContaining("trustStore");
    }

    private Path jaasConfig(String entry) throws Exception {
        return Files.writeString(dir.resolve(entry + "-login.config"), entry + " {\n  " + MapLoginModule.class.getName()
                + " required users=\"alice:secret,bob:hunter2\" roles=\"alice:shop|admin\";\n};\n");
    }

    /** Starts the broker on tcp:// (ssl:// with TLS) and returns its URL. */
    private String start(SecuritySettings security, TlsSettings tls) {
        Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withSecurity(security)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1").withTls(tls)));
        return (tls == null ? "tcp" : "ssl") + "://127.0.0.1:" + broker.tcpPort() + "?jms.requestTimeout=10000";
    }

    private static int port(String url) {
        return Integer.parseInt(url.replaceAll(".*:(\\d+)\\?.*", "$1"));
    }

    private static String withKey(int port, Path keyStore) {
        return "ssl://127.0.0.1:" + port + "?jms.requestTimeout=10000&jms.trustStore=" + brokerStore
                + "&jms.trustStorePassword=" + TestKeyStores.PASSWORD + "&jms.keyStore=" + keyStore
                + "&jms.keyStorePassword=" + TestKeyStores.PASSWORD;
    }
}
