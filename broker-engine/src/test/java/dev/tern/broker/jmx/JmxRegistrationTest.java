package dev.tern.broker.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.RecordingClient;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker's MBeans, read and operated through an MBean server as jconsole would. */
@Timeout(60)
class JmxRegistrationTest {

    private static final String[] SELECTOR = {String.class.getName()};

    @TempDir
    Path dataDir;

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final String name = "jmx-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;
    private RecordingClient client;

    @BeforeEach
    void start() {
        broker = Broker.start(BrokerConfig.named(name).withDataDir(dataDir).withJmx(server));
        client = RecordingClient.connectedTo(broker);
        client.call(id -> new Command.OpenConnection(id, null, null, null));
        client.call(Command.StartDelivery::new);
        client.call(id -> new Command.CreateSession(id, 1, AckMode.AUTO));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void theBrokerAndEachQueueHaveAnMBeanWithTheirCounters() throws Exception {
        send("orders", "eu", 3);

        ObjectName brokerBean = JmxRegistration.brokerName(name);
        assertThat(server.getAttribute(brokerBean, "ConnectionCount")).isEqualTo(1);
        assertThat(server.getAttribute(brokerBean, "QueueCount")).isEqualTo(1);
        assertThat((String[]) server.getAttribute(brokerBean, "QueueNames")).containsExactly("orders");
        assertThat((Long) server.getAttribute(brokerBean, "JournalUnits")).isGreaterThanOrEqualTo(3);
        ObjectName orders = JmxRegistration.queueName(name, "orders", false);
        assertThat(orders.toString()).isEqualTo("dev.tern:type=Broker,name=" + name + ",component=queues,queue=orders");
        assertThat(server.getAttribute(orders, "MessageCount")).isEqualTo(3L);
        assertThat(server.getAttribute(orders, "EnqueuedCount")).isEqualTo(3L);
        assertThat(server.getAttribute(orders, "Paused")).isEqualTo(false);
        assertThat(server.getAttribute(orders, "Subscription")).isEqualTo(false);
    }

    @Test
    void pauseAndResumeChangeTheQueue() throws Exception {
        send("orders", "eu", 1);
        ObjectName orders = JmxRegistration.queueName(name, "orders", false);

        server.invoke(orders, "pause", null, null);
        assertThat(broker.postOffice().queue("orders").isPaused()).isTrue();
        assertThat(server.getAttribute(orders, "Paused")).isEqualTo(true);
        server.invoke(orders, "resume", null, null);
        assertThat(broker.postOffice().queue("orders").isPaused()).isFalse();
    }

    @Test
    void removeMoveAndPurgeTakeTheWaitingMessages() throws Exception {
        send("orders", "eu", 2);
        send("orders", "us", 2);
        ObjectName orders = JmxRegistration.queueName(name, "orders", false);

        assertThat(server.invoke(orders, "moveMessages", new Object[] {"region = 'eu'", "orders.eu"},
                new String[] {String.class.getName(), String.class.getName()})).isEqualTo(2);
        assertThat(broker.messageCount("orders.eu")).hasValue(2);
        assertThat(server.invoke(orders, "removeMessage", new Object[] {"ID:us-0"}, SELECTOR)).isEqualTo(true);
        assertThat(server.invoke(orders, "removeMessage", new Object[] {"ID:us-0"}, SELECTOR)).isEqualTo(false);
        assertThat(server.invoke(orders, "removeMessages", new Object[] {"region = 'nowhere'"}, SELECTOR)).isEqualTo(0);
        assertThat(server.invoke(orders, "purge", null, null)).isEqualTo(1);
        assertThat(broker.messageCount("orders")).hasValue(0);
        assertThat(server.isRegistered(JmxRegistration.queueName(name, "orders.eu", false))).isTrue();
    }

    @Test
    void retryDeadLettersSendsThemBack() throws Exception {
        broker.setPolicy("orders", "maxDeliveryAttempts", "1");
        send("orders", "eu", 1);
        client.call(id -> new Command.CreateSession(id, 2, AckMode.CLIENT));
        client.call(id -> new Command.CreateConsumer(id, 2, 5, ConsumerSpec.of(DestinationName.queue("orders")), 1));
        Event.Deliver delivered = client.delivery(0);
        client.awaitAnswer(client.send(id -> new Command.Recover(id, 2, List.of(delivered.deliveryId()))));
        client.call(id -> new Command.CloseConsumer(id, 2, 5, List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messageCount("DLQ").orElse(0) == 1);

        ObjectName dlq = JmxRegistration.queueName(name, "DLQ", false);
        assertThat(server.invoke(dlq, "retryDeadLetters", new Object[] {""}, SELECTOR)).isEqualTo(1);
        assertThat(broker.messageCount("orders")).hasValue(1);
        assertThat(broker.messageCount("DLQ")).hasValue(0);
    }

    @Test
    void aBadRequestComesBackAsAPlainErrorAndChangesNothing() throws Exception {
        send("orders", "eu", 1);
        ObjectName orders = JmxRegistration.queueName(name, "orders", false);

        assertThatThrownBy(() -> server.invoke(orders, "removeMessages", new Object[] {"region = = 'x'"}, SELECTOR))
                .isInstanceOf(RuntimeMBeanException.class).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region");
        assertThatThrownBy(() -> server.invoke(JmxRegistration.brokerName(name), "setPolicy",
                new Object[] {"orders", "noSuchSetting", "1"},
                new String[] {String.class.getName(), String.class.getName(), String.class.getName()}))
                .isInstanceOfAny(RuntimeMBeanException.class, MBeanException.class);
        assertThat(broker.messageCount("orders")).hasValue(1);
    }

    @Test
    void queueMBeansComeAndGoWithTheirQueuesAndAllGoWithTheBroker() throws Exception {
        send("orders", "eu", 1);
        ObjectName orders = JmxRegistration.queueName(name, "orders", false);
        assertThat(server.isRegistered(orders)).isTrue();

        broker.purgeQueue("orders");
        broker.deleteQueue("orders");
        assertThat(server.isRegistered(orders)).isFalse();

        send("invoices", "eu", 1);
        broker.close();
        assertThat(server.queryNames(new ObjectName(JmxRegistration.DOMAIN + ":*"), null)).isEmpty();
    }

    @Test
    void queueNamesAnObjectNameReservesAreQuoted() {
        ObjectName subscription = JmxRegistration.queueName(name, "sub:client:news,eu", true);
        assertThat(subscription.getKeyProperty("component")).isEqualTo("subscriptions");
        assertThat(ObjectName.unquote(subscription.getKeyProperty("queue"))).isEqualTo("sub:client:news,eu");
    }

    @Test
    void queuesRestoredAtStartUpAreRegistered() throws Exception {
        send("orders", "eu", 1);
        broker.close();
        broker = Broker.start(BrokerConfig.named(name).withDataDir(dataDir).withJmx(server));
        assertThat(server.getAttribute(JmxRegistration.queueName(name, "orders", false), "MessageCount")).isEqualTo(1L);
    }

    private void send(String queue, String region, int count) {
        for (int i = 0; i < count; i++) {
            MessageRecord message = new MessageRecord("ID:" + region + "-" + i, DestinationName.queue(queue), 0, null,
                    null, null, true, 4, 0, 0, Map.of("region", region), BodyType.TEXT,
                    "hello".getBytes(StandardCharsets.UTF_8));
            client.call(id -> new Command.Send(id, 1, message));
        }
    }
}
