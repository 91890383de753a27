package dev.tern.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.broker.security.JaasSettings;
import dev.tern.broker.security.LoginLimits;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.protocol.MessageLimits;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSettingsTest {

    @TempDir
    Path dir;

    private BrokerSettings fromFile(String text) throws Exception {
        Path file = dir.resolve("tern.properties");
        Files.writeString(file, text);
        return BrokerSettings.defaults().withFile(file);
    }

    @Test
    void tlsVersionsAndCipherSuitesComeFromTheFile() throws Exception {
        BrokerSettings settings = fromFile("ssl = true\nkeyStore = broker.p12\ntlsProtocols = TLSv1.3\n"
                + "tlsCipherSuites = TLS_AES_256_GCM_SHA384\n");
        assertThat(settings.tls().protocols()).containsExactly("TLSv1.3");
        assertThat(settings.tls().cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
        assertThat(fromFile("ssl = true\nkeyStore = broker.p12\n").tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThatThrownBy(() -> fromFile("ssl = true\nkeyStore = broker.p12\ntlsProtocols = TLSv1\n"))
                .hasMessageContaining("tlsProtocols in");
    }

    @Test
    void theFileCanAllowAnonymousAccessFromOtherMachines() throws Exception {
        assertThat(BrokerSettings.defaults().bindHost()).isEqualTo("127.0.0.1");
        BrokerSettings settings = fromFile("allowAnonymous = true\n");
        assertThat(settings.bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.exposedWithoutLogin()).isTrue();
        assertThat(fromFile("usersFile = users.properties\n").bindHost()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> fromFile("host = 0.0.0.0\n").bindHost()).hasMessageContaining("--allow-anonymous");
        assertThatThrownBy(() -> fromFile("allowAnonymous = maybe\n"))
                .hasMessageContaining("allowAnonymous must be true or false, was 'maybe'");
    }

    @Test
    void tlsIsOffUnlessTheFileSaysSsl() throws Exception {
        assertThat(fromFile("port = 61617\n").tls()).isNull();
        assertThat(fromFile("ssl = false\nkeyStore = broker.p12\n").tls()).isNull();
    }

    @Test
    void sslKeysBecomeTlsSettingsWithPathsRelativeToTheFile() throws Exception {
        BrokerSettings settings = fromFile("ssl = true\nkeyStore = broker.p12\nkeyStorePassword = secret\n"
                + "trustStore = clients.p12\ntrustStorePassword = other\n");

        assertThat(settings.tls().keyStore()).isEqualTo(dir.toAbsolutePath().resolve("broker.p12"));
        assertThat(settings.tls().keyStorePassword()).isEqualTo("secret");
        assertThat(settings.tls().trustStore()).isEqualTo(dir.toAbsolutePath().resolve("clients.p12"));
        assertThat(settings.tls().clientAuthRequired()).isTrue();
    }

    @Test
    void thePostgresqlStoreComesFromTheFile() throws Exception {
        BrokerSettings settings = fromFile("store = postgresql\njdbcUrl = jdbc:postgresql://db:5432/tern\n"
                + "jdbcUser = tern\njdbcPassword = secret\nbackup = true\nleaseTimeMillis = 4000\n");

        assertThat(settings.store().postgres()).isEqualTo(new dev.tern.broker.store.PostgresSettings(
                "jdbc:postgresql://db:5432/tern", "tern", "secret", java.time.Duration.ofSeconds(4), true));
        assertThat(settings.store().postgres().toString()).doesNotContain("secret");
        assertThat(BrokerSettings.defaults().store().postgres()).as("H2 by default").isNull();
    }

    @Test
    void aStoreThatCannotWorkIsRefusedNamingWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> fromFile("store = postgresql\n").store().postgres()).hasMessageContaining("jdbcUrl");
        assertThatThrownBy(() -> fromFile("backup = true\n").store().postgres())
                .hasMessageContaining("a backup needs the PostgreSQL store");
        assertThatThrownBy(() -> fromFile("store = oracle\n")).hasMessageContaining("store must be h2 or postgresql");
        assertThatThrownBy(() -> fromFile("jdbcUrl = jdbc:postgresql://db/tern\n").store().postgres())
                .hasMessageContaining("the store is h2");
        assertThatThrownBy(() -> fromFile("store = postgresql\njdbcUrl = jdbc:mysql://db/tern\n").store().postgres())
                .hasMessageContaining("not a PostgreSQL JDBC URL");
    }

    @Test
    void sslWithoutAKeyStoreIsRefused() {
        assertThatThrownBy(() -> fromFile("ssl = true\n")).hasMessageContaining("needs keyStore");
    }

    @Test
    void policyLinesBecomeDestinationPolicies() throws Exception {
        BrokerSettings settings = fromFile("policy.orders.>.maxDeliveryAttempts = 5\n"
                + "policy.>.redeliveryDelayMillis = 1000\npolicy.audit.expiryQueue =\n");

        var orders = settings.policies().forAddress("orders.eu");
        assertThat(orders.get(PolicySettings.MAX_DELIVERY_ATTEMPTS)).isEqualTo(5);
        assertThat(orders.get(PolicySettings.REDELIVERY_DELAY_MILLIS)).isEqualTo(1000L);
        assertThat(settings.policies().forAddress("audit").get(PolicySettings.EXPIRY_QUEUE)).isEmpty();
    }

    @Test
    void aBadPolicyLineIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> fromFile("policy.orders.maxDeliveryAttempts = lots\n"))
                .hasMessageContaining("policy.orders.maxDeliveryAttempts").hasMessageContaining("lots");
        assertThatThrownBy(() -> fromFile("policy.orders = 1\n")).hasMessageContaining("policy.<address pattern>.<setting>");
    }

    @Test
    void securityLinesBecomeAccessRules() throws Exception {
        BrokerSettings settings = fromFile("security.>.admin = admin\nsecurity.orders.>.send = shop, billing\n"
                + "security.orders.secret.send =\n");

        assertThat(settings.security().accessRules().describe()).containsEntry(">.admin", "admin")
                .containsEntry("orders.>.send", "billing, shop").containsEntry("orders.secret.send", "");
    }

    @Test
    void aBadSecurityLineIsRefusedNamingTheKeyAndTheFile() {
        assertThatThrownBy(() -> fromFile("security.orders.>.write = shop\n"))
                .hasMessageContaining("'write'").hasMessageContaining("tern.properties");
        assertThatThrownBy(() -> fromFile("security.send = shop\n"))
                .hasMessageContaining("security.<address pattern>.<permission>");
    }

    @Test
    void loginLimitKeysSetTheLimitsAndANegativeOneIsRefused() throws Exception {
        assertThat(BrokerSettings.defaults().security().limits()).isEqualTo(LoginLimits.DEFAULT);
        assertThat(fromFile("maxFailedLoginsPerMinute = 5\nmaxConnectionsPerUser = 20\nmaxConnectionsPerAddress = 50\n")
                .security().limits()).isEqualTo(new LoginLimits(5, 20, 50));
        assertThatThrownBy(() -> fromFile("maxConnectionsPerUser = -1\n")).hasMessageContaining("maxConnectionsPerUser");
    }

    @Test
    void jaasAndCertificateKeysNameTheirFilesBesideTheConfiguration() throws Exception {
        SecuritySettings security = fromFile("jaasConfigFile = login.config\njaasEntry = ldap\n"
                + "jaasRolePrincipalClasses = com.example.Group, com.example.Role\ncertificateUsersFile = certs.properties\n")
                .security();

        assertThat(security.jaas()).isEqualTo(new JaasSettings(dir.toAbsolutePath().resolve("login.config"), "ldap",
                Set.of("com.example.Group", "com.example.Role")));
        assertThat(security.certificateUsersFile()).isEqualTo(dir.toAbsolutePath().resolve("certs.properties"));
        assertThat(security.requiresLogin()).isTrue();
        assertThatThrownBy(() -> fromFile("jaasEntry = ldap\n")).hasMessageContaining("need jaasConfigFile");
        assertThatThrownBy(() -> fromFile("jaasConfig = login.config\n")).hasMessageContaining("jaasConfigFile");
    }

    @Test
    void theGuestUserKeyNamesTheGuestOfTheUsersFile() throws Exception {
        assertThat(BrokerSettings.defaults().security()).isEqualTo(SecuritySettings.NONE);
        assertThat(fromFile("usersFile = users.properties\nguestUser = guest\n").security())
                .isEqualTo(new SecuritySettings(dir.toAbsolutePath().resolve("users.properties"), "guest", null));
        assertThatThrownBy(() -> fromFile("guest = guest\n")).hasMessageContaining("guestUser");
    }

    @Test
    void messageLimitsAndTheInFlightBudgetHaveGenerousDefaultsAndKeysOfTheirOwn() throws Exception {
        BrokerSettings defaults = BrokerSettings.defaults();
        assertThat(defaults.messageLimits()).isEqualTo(MessageLimits.DEFAULT);
        assertThat(defaults.maxInFlightFrameBytes()).isEqualTo(64L * 1024 * 1024);

        BrokerSettings settings = fromFile("maxMessageProperties = 100\nmaxMessageHeaderSize = 65536\n"
                + "maxMessageBodySize = 1048576\nmaxInFlightFrameBytes = 268435456\n");
        assertThat(settings.messageLimits()).isEqualTo(new MessageLimits(100, 65_536, 1_048_576));
        assertThat(settings.maxInFlightFrameBytes()).isEqualTo(268_435_456L);
        assertThatThrownBy(() -> fromFile("maxMessageProperties = 0\n")).hasMessageContaining("maxMessageProperties");
        assertThatThrownBy(() -> fromFile("maxInFlightFrameBytes = lots\n")).hasMessageContaining("maxInFlightFrameBytes");
    }

    @Test
    void amqpAndStompAreServedOnTheirUsualPortsUnlessMovedOrTurnedOff() throws Exception {
        assertThat(BrokerSettings.defaults().protocolPorts()).containsOnly(entry("amqp", 5672), entry("stomp", 61613));

        assertThat(fromFile("amqpPort = 0\nstompPort = off\n").protocolPorts()).containsOnly(entry("amqp", 0));
        assertThatThrownBy(() -> fromFile("stompPort = 70000\n")).hasMessageContaining("stompPort")
                .hasMessageContaining("off");
        assertThatThrownBy(() -> fromFile("amqpPort = yes\n")).hasMessageContaining("amqpPort");
    }

    @Test
    void theHttpPortIsOffUnlessSetAndListensOnLocalhostUnlessMoved() throws Exception {
        assertThat(BrokerSettings.defaults().management().httpPort()).isNull();
        ManagementOptions on = fromFile("httpPort = 8161\n").management();
        assertThat(on.httpPort()).isEqualTo(8161);
        assertThat(on.httpHost()).isEqualTo("localhost");
        assertThat(fromFile("httpHost = 0.0.0.0\nhttpPort = 0\n").management().httpHost()).isEqualTo("0.0.0.0");
        assertThat(fromFile("httpPort = off\n").management().httpPort()).isNull();
        assertThatThrownBy(() -> fromFile("httpPort = web\n")).hasMessageContaining("httpPort");
    }

    @Test
    void theMBeansAreRegisteredUnlessTurnedOff() throws Exception {
        assertThat(BrokerSettings.defaults().management().jmx()).isTrue();
        assertThat(fromFile("jmx = false\n").management().jmx()).isFalse();
        assertThatThrownBy(() -> fromFile("jmx = maybe\n")).hasMessageContaining("jmx");
        BrokerConfig standalone = ManagementOptions.DEFAULT.withHttpPort(8161).applyTo(BrokerConfig.named("b"), "localhost");
        assertThat(standalone.management().jmx()).isSameAs(ManagementFactory.getPlatformMBeanServer());
        assertThat(standalone.management().http().host()).isEqualTo("localhost");
        assertThat(ManagementOptions.DEFAULT.withJmx(false).applyTo(BrokerConfig.named("b"), "localhost").management().jmx())
                .isNull();
    }

    @Test
    void theHttpPortOpensToOtherMachinesOnlyWithALoginOrAnonymousAccessAllowed() throws Exception {
        assertThat(fromFile("httpPort = 8161\n").httpBindHost()).isEqualTo("localhost");
        assertThatThrownBy(() -> fromFile("httpPort = 8161\nhttpHost = 0.0.0.0\n").httpBindHost())
                .hasMessageContaining("0.0.0.0").hasMessageContaining("usersFile");
        assertThat(fromFile("httpPort = 8161\nhttpHost = 0.0.0.0\nallowAnonymous = true\n").httpBindHost())
                .isEqualTo("0.0.0.0");
    }
}
