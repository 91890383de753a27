package dev.tern.cli;

import static dev.tern.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code tern queue ...} and {@code --output json}, run in-process as a user would type them. */
@Timeout(60)
class QueueCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Broker broker;
    private String url;

    @BeforeEach
    void start() {
        broker = Broker.start(BrokerConfig.named("cli-queue-" + UUID.randomUUID()).withPersistent(false).withTcpPort(0));
        url = "tcp://localhost:" + broker.tcpPort();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void pauseHoldsMessagesFromConsumersAndResumeLetsThemThrough() throws Exception {
        produce("orders", 2, "colour=red");

        assertThat(run("queue", "pause", "orders", "--url", url).out()).contains("Paused orders");
        assertThat(queue("orders").get("paused").asBoolean()).isTrue();
        CliRun held = run("consume", "--url", url, "--destination", "orders", "--timeout", "300");
        assertThat(held.out()).contains("Received 0 messages");

        assertThat(run("queue", "resume", "orders", "--url", url).out()).contains("Resumed orders");
        CliRun consumed = run("consume", "--url", url, "--destination", "orders", "--timeout", "1000");
        assertThat(consumed.out()).contains("Received 2 messages");
    }

    @Test
    void listShowsStateAndCountersAsATableOrAsJson() throws Exception {
        produce("orders", 3, "colour=red");
        run("queue", "pause", "orders", "--url", url);

        assertThat(run("queue", "list", "--url", url).out()).contains("STATE", "IN FLIGHT")
                .containsPattern("orders\\s+paused\\s+3\\s+0\\s+0\\s+0\\s+3\\s+0");
        JsonNode orders = queue("orders");
        assertThat(orders.get("messageCount").asLong()).isEqualTo(3);
        assertThat(orders.get("enqueuedCount").asLong()).isEqualTo(3);
        assertThat(orders.get("subscription").asBoolean()).isFalse();
    }

    @Test
    void removeByIdOrSelectorAndPurge() throws Exception {
        produce("orders", 2, "colour=red");
        produce("orders", 2, "colour=blue");
        JsonNode browsed = JSON.readTree(run("browse", "--url", url, "--destination", "queue://orders",
                "--output", "json").out());
        assertThat(browsed).hasSize(4);
        String firstId = browsed.get(0).get("id").asText();
        assertThat(browsed.get(0).get("properties").get("colour").asText()).isEqualTo("red");
        assertThat(browsed.get(0).get("type").asText()).isEqualTo("TextMessage");

        CliRun byId = run("queue", "remove", "orders", "--id", firstId, "--url", url);
        assertThat(byId.exitCode()).isZero();
        assertThat(byId.out()).contains("Removed 1 message from orders");
        assertThat(run("queue", "remove", "orders", "--id", firstId, "--url", url).exitCode())
                .as("that message is gone").isEqualTo(1);
        assertThat(run("queue", "remove", "orders", "--selector", "colour = 'blue'", "--url", url).out())
                .contains("Removed 2 messages");
        assertThat(run("queue", "purge", "orders", "--url", url).out()).contains("Removed 1 message from orders");
        assertThat(broker.messageCount("orders")).hasValue(0);
    }

    @Test
    void moveTakesTheSelectedMessagesToAnotherQueue() throws Exception {
        produce("orders", 2, "colour=red");
        produce("orders", 1, "colour=blue");

        CliRun moved = run("queue", "move", "orders", "--to", "orders.blue", "--selector", "colour = 'blue'",
                "--url", url);
        assertThat(moved.out()).contains("Moved 1 message from orders to orders.blue");
        assertThat(broker.messageCount("orders.blue")).hasValue(1);
        assertThat(broker.messageCount("orders")).hasValue(2);
    }

    @Test
    void aMistypedQueueOrSelectorGivesAClearErrorAndExitCode() {
        CliRun missing = run("queue", "pause", "nowhere", "--url", url);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("There is no queue nowhere");
        produce("orders", 1, "colour=red");
        CliRun badSelector = run("queue", "remove", "orders", "--selector", "colour = = 1", "--url", url);
        assertThat(badSelector.exitCode()).isEqualTo(1);
        assertThat(broker.messageCount("orders")).hasValue(1);
        assertThat(run("queue", "remove", "orders", "--url", url).exitCode()).as("needs --id or --selector").isEqualTo(2);
    }

    @Test
    void everyReadCommandPrintsParsableJson() throws Exception {
        produce("orders", 1, "colour=red");
        broker.setPolicy("orders", "maxDeliveryAttempts", "3");

        JsonNode stat = JSON.readTree(run("stat", "--url", url, "--interval", "0", "--output", "json").out());
        assertThat(stat.get(0).get("queue").get("name").asText()).isEqualTo("orders");
        assertThat(stat.get(0).get("inPerSecond").isNull()).isTrue();
        JsonNode policies = JSON.readTree(run("policy", "list", "--url", url, "-o", "json").out());
        List<String> settings = new ArrayList<>();
        policies.forEach(entry -> settings.add(entry.get("pattern").asText() + "." + entry.get("setting").asText()
                + "=" + entry.get("value").asText()));
        assertThat(settings).contains("orders.maxDeliveryAttempts=3");
        assertThat(JSON.readTree(run("xa", "list", "--url", url, "--output", "json").out()).isArray()).isTrue();
        assertThat(run("queue", "list", "--url", url, "--output", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void connectionListShowsEachClientAsATableOrAsJson() throws Exception {
        try (jakarta.jms.Connection client = new dev.tern.jms.TernConnectionFactory(url).createConnection()) {
            client.setClientID("billing");
            client.createSession();
            assertThat(run("connection", "list", "--url", url).out()).contains("CLIENT ID", "SESSIONS")
                    .containsPattern("billing\\s+\\(anonymous\\)\\s+/127.0.0.1:\\d+\\s+1");
            JsonNode connections = JSON.readTree(run("connection", "list", "--url", url, "-o", "json").out());
            List<String> clientIds = new ArrayList<>();
            connections.forEach(connection -> clientIds.add(connection.get("clientId").asText()));
            assertThat(clientIds).contains("billing");
        }
    }

    private JsonNode queue(String name) throws Exception {
        JsonNode queues = JSON.readTree(run("queue", "list", "--url", url, "--output", "json").out());
        for (JsonNode queue : queues) {
            if (queue.get("name").asText().equals(name)) {
                return queue;
            }
        }
        throw new AssertionError("no queue " + name + " in " + queues);
    }

    private void produce(String queue, int count, String property) {
        assertThat(run("produce", "--url", url, "--destination", "queue://" + queue, "--count", String.valueOf(count),
                "--property", property).exitCode()).isZero();
    }
}
