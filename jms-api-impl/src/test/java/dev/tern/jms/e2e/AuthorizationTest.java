package dev.tern.jms.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.security.AccessRules;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnection;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.BranchId;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access rules decide every permission at the moment of the call, over {@code vm://} (rules on the URL)
 * and {@code tcp://} (rules in the broker's configuration): an allowed action works, a denied one raises
 * {@link JMSSecurityException} naming the user, the permission and the destination, and leaves nothing
 * behind.
 */
@Timeout(60)
class AuthorizationTest {

    private static final Map<String, String> RULES = new LinkedHashMap<>();
    private static final String UNKNOWN_BRANCH = new BranchId(1, new byte[] {1}, new byte[] {2}).toString();

    static {
        RULES.put(">.admin", "admin");
        RULES.put("orders.>.admin", "ops,admin");
        RULES.put("payments.consume", "admin");
        RULES.put(">.createTemporary", "shop,admin");
        RULES.put("orders.>.send", "shop");
        RULES.put("orders.>.consume", "billing,readers,creators");
        RULES.put("orders.secret.consume", "");
        RULES.put("orders.>.browse", "auditors,billing");
        RULES.put("orders.>.createDurable", "billing,creators");
        RULES.put("orders.>.deleteDurable", "billing");
    }

    @TempDir
    Path dir;

    private final String name = "authz-" + UUID.randomUUID().toString().substring(0, 8);
    private Transport transport;
    private TernConnectionFactory factory;
    private TernConnection admin;

    @BeforeEach
    void start(Transport transport) throws IOException, JMSException {
        this.transport = transport;
        Path users = Files.writeString(dir.resolve("users.properties"), """
                root = r
                ops = o
                shop = s
                billing = b
                reader = x
                auditor = a
                creator = c
                role.admin = root
                role.ops = ops
                role.shop = shop
                role.billing = billing
                role.readers = reader
                role.auditors = auditor
                role.creators = creator
                """);
        String url;
        if (transport == Transport.TCP) {
            Broker broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                    .withAccessRules(AccessRules.fromOptions(RULES)).withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
            url = "tcp://127.0.0.1:" + broker.tcpPort();
        } else {
            url = "vm://" + name + "?broker.persistent=false&broker.usersFile=" + users.toAbsolutePath() + RULES.entrySet()
                    .stream().map(rule -> "&broker.security." + rule.getKey() + "=" + rule.getValue()).collect(Collectors.joining());
        }
        factory = new TernConnectionFactory(url);
        admin = (TernConnection) factory.createConnection("root", "r");
    }

    @AfterEach
    void stop() throws JMSException {
        try {
            admin.close();
        } finally {
            if (transport == Transport.TCP) {
                EmbeddedBrokers.stop(name);
            }
        }
    }

    @TransportTest
    void onlyARoleWithSendMaySendAndADeniedSendStoresNothing() throws JMSException {
        try (JMSContext shop = factory.createContext("shop", "s"); JMSContext billing = factory.createContext("billing", "b")) {
            shop.createProducer().send(shop.createQueue("orders.eu"), "order 1");

            assertDenied(() -> billing.createProducer().send(billing.createQueue("orders.eu"), "forged"),
                    "billing", "send", "orders.eu");
            assertDenied(() -> billing.createProducer().send(billing.createQueue("orders.new"), "forged"),
                    "billing", "send", "orders.new");
            assertDenied(() -> shop.createProducer().send(shop.createQueue("payments"), "elsewhere"),
                    "shop", "send", "payments");

            assertThat(depths()).containsEntry("orders.eu", 1L).doesNotContainKeys("orders.new", "payments");
        }
    }

    @TransportTest
    void aDeniedSendInATransactionLeavesTheOtherSendsToTheCommit() throws JMSException {
        try (Connection shop = factory.createConnection("shop", "s")) {
            Session session = shop.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue("orders.tx")).send(session.createTextMessage("kept"));
            assertThatThrownBy(() -> session.createProducer(session.createTopic("prices"))
                    .send(session.createTextMessage("refused")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("prices");
            session.commit();
        }
        assertThat(depths()).containsEntry("orders.tx", 1L);
    }

    @TransportTest
    void consumingNeedsConsumeAndADeniedConsumerCreatesNoQueue() throws JMSException {
        try (JMSContext shop = factory.createContext("shop", "s"); JMSContext billing = factory.createContext("billing", "b")) {
            shop.createProducer().send(shop.createQueue("orders.eu"), "order 1");

            assertDenied(() -> shop.createConsumer(shop.createQueue("orders.eu")), "shop", "consume", "orders.eu");
            assertDenied(() -> shop.createConsumer(shop.createQueue("orders.unknown")), "shop", "consume", "orders.unknown");
            assertDenied(() -> billing.createConsumer(billing.createQueue("orders.secret")), "billing", "consume",
                    "orders.secret");
            assertThat(billing.createConsumer(billing.createQueue("orders.eu")).receiveBody(String.class, 5_000))
                    .isEqualTo("order 1");
            assertThat(depths()).doesNotContainKeys("orders.unknown", "orders.secret");
        }
    }

    @TransportTest
    void subscribingToATopicNeedsConsume() throws JMSException {
        try (JMSContext shop = factory.createContext("shop", "s"); JMSContext billing = factory.createContext("billing", "b")) {
            Topic topic = billing.createTopic("orders.placed");
            jakarta.jms.JMSConsumer subscriber = billing.createConsumer(topic);
            shop.createProducer().send(shop.createTopic("orders.placed"), "placed");
            assertThat(subscriber.receiveBody(String.class, 5_000)).isEqualTo("placed");

            assertDenied(() -> shop.createConsumer(topic), "shop", "consume", "orders.placed");
            assertDenied(() -> shop.createSharedConsumer(topic, "shop-feed"), "shop", "consume", "orders.placed");
        }
    }

    @TransportTest
    void browsingNeedsBrowse() throws JMSException {
        try (Connection auditor = factory.createConnection("auditor", "a"); Connection shop = factory.createConnection("shop", "s")) {
            Session shopSession = shop.createSession(Session.AUTO_ACKNOWLEDGE);
            Queue queue = shopSession.createQueue("orders.eu");
            shopSession.createProducer(queue).send(shopSession.createTextMessage("order 1"));

            QueueBrowser browser = auditor.createSession(Session.AUTO_ACKNOWLEDGE).createBrowser(queue);
            assertThat(browser.getEnumeration().hasMoreElements()).isTrue();
            assertDenied(() -> shopSession.createBrowser(queue).getEnumeration(), "shop", "browse", "orders.eu");
        }
    }

    @TransportTest
    void creatingADurableSubscriptionNeedsCreateDurableButJoiningOneDoesNot() throws JMSException {
        try (JMSContext billing = factory.createContext("billing", "b"); JMSContext reader = factory.createContext("reader", "x")) {
            Topic topic = billing.createTopic("orders.news");
            billing.createSharedDurableConsumer(topic, "feed").close();

            reader.createSharedDurableConsumer(topic, "feed").close();
            assertDenied(() -> reader.createSharedDurableConsumer(topic, "other"), "reader", "createDurable", "orders.news");
            try (JMSContext named = factory.createContext("reader", "x")) {
                named.setClientID("reader-1");
                assertDenied(() -> named.createDurableConsumer(topic, "mine"), "reader", "createDurable", "orders.news");
            }
            assertThat(admin.queueStatistics()).extracting(QueueStatistics::name)
                    .contains("sub::feed").doesNotContain("sub::other", "sub:reader-1:mine");
        }
    }

    @TransportTest
    void replacingADurableSubscriptionWithAnotherSelectorNeedsDeleteDurableToo() throws JMSException {
        Topic topic;
        try (JMSContext billing = factory.createContext("billing", "b")) {
            billing.setClientID("shared-id");
            topic = billing.createTopic("orders.news");
            billing.createDurableConsumer(topic, "audit", "kind = 'a'", false).close();
        }
        try (JMSContext creator = factory.createContext("creator", "c")) {
            creator.setClientID("shared-id");
            assertDenied(() -> creator.createDurableConsumer(topic, "audit", "kind = 'b'", false), "creator",
                    "deleteDurable", "orders.news");
            creator.createDurableConsumer(topic, "audit", "kind = 'a'", false).close();
        }
        assertThat(admin.queueStatistics()).extracting(QueueStatistics::name).contains("sub:shared-id:audit");
    }

    @TransportTest
    void deletingADurableSubscriptionNeedsDeleteDurable() throws JMSException {
        try (JMSContext billing = factory.createContext("billing", "b"); JMSContext reader = factory.createContext("reader", "x")) {
            billing.createSharedDurableConsumer(billing.createTopic("orders.news"), "feed").close();

            assertDenied(() -> reader.unsubscribe("feed"), "reader", "deleteDurable", "orders.news");
            assertThat(admin.queueStatistics()).extracting(QueueStatistics::name).contains("sub::feed");
            billing.unsubscribe("feed");
            assertThat(admin.queueStatistics()).extracting(QueueStatistics::name).doesNotContain("sub::feed");
        }
    }

    @TransportTest
    void creatingATemporaryDestinationNeedsCreateTemporaryButReplyingToOneDoesNot() throws JMSException {
        try (Connection shop = factory.createConnection("shop", "s"); Connection billing = factory.createConnection("billing", "b")) {
            Session shopSession = shop.createSession(Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = shopSession.createTemporaryQueue();
            Session billingSession = billing.createSession(Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(billingSession::createTemporaryQueue).isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("billing").hasMessageContaining("createTemporary");
            assertThatThrownBy(billingSession::createTemporaryTopic).isInstanceOf(JMSSecurityException.class);

            billingSession.createProducer(replies).send(billingSession.createTextMessage("reply"));
            MessageConsumer consumer = shopSession.createConsumer(replies);
            shop.start();
            assertThat(consumer.receive(5_000).getBody(String.class)).isEqualTo("reply");
        }
    }

    @TransportTest
    void adminCommandsNeedAdmin() throws JMSException {
        admin.setPolicy("orders.>", "maxDeliveryAttempts", "3");
        assertThat(admin.policies()).isNotEmpty();
        assertThatThrownBy(() -> admin.retryDeadLetters("DLQ", null)).as("allowed, and no dead letters yet")
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> admin.decideXaBranch(UNKNOWN_BRANCH, true)).as("allowed, and no such branch")
                .isNotInstanceOf(JMSSecurityException.class).hasMessageContaining("knows no branch");
        try (TernConnection shop = (TernConnection) factory.createConnection("shop", "s")) {
            assertDeniedAdmin(() -> shop.setPolicy("orders.>", "maxDeliveryAttempts", "9"), "shop");
            assertDeniedAdmin(shop::policies, "shop");
            assertDeniedAdmin(shop::queueStatistics, "shop");
            assertDeniedAdmin(() -> shop.retryDeadLetters("DLQ", null), "shop");
            assertDeniedAdmin(() -> shop.decideXaBranch(UNKNOWN_BRANCH, true), "shop");
        }
        assertThat(admin.policies()).anySatisfy(entry -> assertThat(entry.toString()).contains("3"));
    }

    @TransportTest
    void adminOfSomeDestinationsSeesAndChangesOnlyThose() throws JMSException {
        try (JMSContext shop = factory.createContext("shop", "s");
                TernConnection ops = (TernConnection) factory.createConnection("ops", "o")) {
            shop.createProducer().send(shop.createQueue("orders.eu"), "order");
            admin.createSession(Session.AUTO_ACKNOWLEDGE).createConsumer(admin.createSession(Session.AUTO_ACKNOWLEDGE)
                    .createQueue("payments")).close();

            assertThat(ops.queueStatistics()).extracting(QueueStatistics::name).contains("orders.eu").doesNotContain("payments");
            assertThat(admin.queueStatistics()).extracting(QueueStatistics::name).contains("orders.eu", "payments");
            ops.setPolicy("orders.eu.*", "maxDeliveryAttempts", "4");
            ops.setPolicy("orders.>", "maxDeliveryAttempts", "4");
            assertDeniedAdmin(() -> ops.setPolicy(">", "maxDeliveryAttempts", "4"), "ops");
            assertDeniedAdmin(() -> ops.setPolicy("*.eu", "maxDeliveryAttempts", "4"), "ops");
            assertDeniedAdmin(() -> ops.setPolicy("orders.>", "deadLetterQueue", "payments"), "ops");
            ops.setPolicy("orders.>", "deadLetterQueue", "orders.dead");
            assertDeniedAdmin(() -> ops.retryDeadLetters("DLQ", null), "ops");
            assertDeniedAdmin(() -> ops.decideXaBranch(UNKNOWN_BRANCH, true), "ops");
        }
    }

    @TransportTest
    void theSimplifiedApiRaisesJmsSecurityRuntimeException() {
        try (JMSContext billing = factory.createContext("billing", "b")) {
            assertThatThrownBy(() -> billing.createProducer().send(billing.createQueue("orders.eu"), "x"))
                    .isInstanceOf(JMSSecurityRuntimeException.class).hasMessageContaining("billing");
            assertThatThrownBy(() -> billing.createBrowser(billing.createQueue("payments")).getEnumeration())
                    .isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }

    @TransportTest
    void reloadedRulesDecideTheNextCallOfAConnectionAlreadyOpen() throws JMSException {
        try (JMSContext billing = factory.createContext("billing", "b")) {
            Queue queue = billing.createQueue("orders.eu");
            assertDenied(() -> billing.createProducer().send(queue, "first"), "billing", "send", "orders.eu");

            Broker broker = EmbeddedBrokers.find(name).orElseThrow();
            SecuritySettings security = broker.config().security();
            broker.reloadSecurity(security.withAccessRules(security.accessRules().withRule("orders.>.send", "shop, billing")));
            billing.createProducer().send(queue, "second");

            broker.reloadSecurity(security);
            assertDenied(() -> billing.createProducer().send(queue, "third"), "billing", "send", "orders.eu");
        }
        assertThat(depths()).containsEntry("orders.eu", 1L);
    }

    private Map<String, Long> depths() throws JMSException {
        return admin.queueStatistics().stream().collect(Collectors.toMap(QueueStatistics::name, QueueStatistics::messageCount));
    }

    private static void assertDenied(ThrowingCallable call, String user, String permission, String destination) {
        assertThatThrownBy(call)
                .isInstanceOfAny(JMSSecurityException.class, JMSSecurityRuntimeException.class)
                .hasMessageContaining("'" + user + "'")
                .hasMessageContaining("'" + permission + "'")
                .hasMessageContaining(destination);
    }

    private static void assertDeniedAdmin(ThrowingCallable call, String user) {
        assertThatThrownBy(call).isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("'" + user + "'").hasMessageContaining("'admin'");
    }
}
