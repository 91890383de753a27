package dev.tern.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.MutableClock;
import dev.tern.broker.RecordingClient;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.security.AccessRules;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console's JSON API without a browser: what it answers, and what it refuses. */
@Timeout(60)
class ConsoleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = MutableClock.startingAt(Instant.now());
    private Broker broker;
    private RecordingClient client;
    private String base;

    @BeforeEach
    void start() throws IOException {
        Path users = Files.writeString(dir.resolve("users.properties"),
                "root = r\nops = o\nshop = s\nrole.admin = root\nrole.ops = ops\n");
        broker = Broker.start(BrokerConfig.named("console-api-" + UUID.randomUUID()).withPersistent(false)
                .withClock(clock).withUsersFile(users).withHttp(TcpSettings.onPort(0).withHost("127.0.0.1"))
                .withAccessRules(AccessRules.fromOptions(Map.of(">.admin", "admin", "ops.>.admin", "ops, admin",
                        ">.send", "admin, ops", ">.consume", "admin, ops", ">.browse", "admin"))));
        base = "http://127.0.0.1:" + broker.httpPort();
        client = RecordingClient.connectedTo(broker);
        client.call(id -> new Command.OpenConnection(id, null, "root", "r"));
        client.call(id -> new Command.CreateSession(id, 1, AckMode.AUTO));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void queuesListTheCountersOfTheQueuesTheUserAdministers() throws Exception {
        send("orders", 2);
        send("ops.jobs", 1);

        JsonNode all = get("/api/queues", "root", "r");
        assertThat(all).hasSize(2);
        assertThat(all.get(1).get("name").asText()).isEqualTo("orders");
        assertThat(all.get(1).get("messageCount").asLong()).isEqualTo(2);
        assertThat(all.get(1).get("kind").asText()).isEqualTo("queue");
        JsonNode ops = get("/api/queues", "ops", "o");
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).get("name").asText()).isEqualTo("ops.jobs");
        assertThat(call("GET", "/api/queues", "shop", "s", null, false).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/console/", null, null, null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void historyKeepsAPointPerResolutionWithRates() throws Exception {
        send("orders", 2);
        clock.advance(Duration.ofMillis(QueueHistory.RESOLUTION_MILLIS));
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/history?queue=orders", "root", "r").get("points").size() >= 1);
        send("orders", 3);
        clock.advance(Duration.ofMillis(QueueHistory.RESOLUTION_MILLIS));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode points = get("/api/history?queue=orders", "root", "r").get("points");
            JsonNode last = points.get(points.size() - 1);
            assertThat(last.get("depth").asLong()).isEqualTo(5);
            assertThat(last.get("inPerSecond").asDouble()).isEqualTo(3 / 30.0, org.assertj.core.data.Offset.offset(0.001));
        });
    }

    @Test
    void messagesComeInPagesWithTheirHeadersPropertiesAndText() throws Exception {
        send("orders", 5);

        JsonNode page = get("/api/messages?queue=orders&offset=3&limit=10", "root", "r");
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("messages")).hasSize(2);
        JsonNode message = page.get("messages").get(0);
        assertThat(message.get("messageId").asText()).isEqualTo("ID:orders-3");
        assertThat(message.get("text").asText()).isEqualTo("hello");
        assertThat(message.get("properties").get("region").asText()).isEqualTo("eu");
        assertThat(call("GET", "/api/messages?queue=nowhere", "root", "r", null, false).statusCode()).isEqualTo(404);
        send("ops.jobs", 1);
        assertThat(call("GET", "/api/messages?queue=ops.jobs", "ops", "o", null, false).statusCode())
                .as("admin without browse sees no bodies, as with tern browse").isEqualTo(403);
        assertThat(call("GET", "/api/messages?queue=orders&limit=lots", "root", "r", null, false).statusCode()).isEqualTo(400);
    }

    @Test
    void actionsNeedTheConsolesHeaderAndAdminOnTheQueue() throws Exception {
        send("orders", 2);
        String purge = "{\"queue\":\"orders\",\"action\":\"purge\"}";

        assertThat(call("POST", "/api/actions", "root", "r", purge, false).statusCode()).as("no header").isEqualTo(403);
        assertThat(call("POST", "/api/actions", "ops", "o", purge, true).statusCode()).as("not ops'").isEqualTo(403);
        assertThat(broker.messageCount("orders")).hasValue(2);
        HttpResponse<String> done = call("POST", "/api/actions", "root", "r", purge, true);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).get("count").asInt()).isEqualTo(2);
        assertThat(broker.messageCount("orders")).hasValue(0);
    }

    @Test
    void eachActionDoesWhatItSays() throws Exception {
        send("orders", 3);
        assertThat(action("{\"queue\":\"orders\",\"action\":\"pause\"}")).isZero();
        assertThat(broker.postOffice().queue("orders").isPaused()).isTrue();
        assertThat(action("{\"queue\":\"orders\",\"action\":\"resume\"}")).isZero();
        assertThat(broker.postOffice().queue("orders").isPaused()).isFalse();
        assertThat(action("{\"queue\":\"orders\",\"action\":\"remove\",\"messageId\":\"ID:orders-0\"}")).isEqualTo(1);
        assertThat(action("{\"queue\":\"orders\",\"action\":\"move\",\"target\":\"later\",\"selector\":\"JMSMessageID = 'ID:orders-1'\"}"))
                .isEqualTo(1);
        assertThat(broker.messageCount("later")).hasValue(1);
        assertThat(action("{\"queue\":\"orders\",\"action\":\"retry\"}")).as("no dead letters there").isZero();
        assertThat(broker.messageCount("orders")).hasValue(1);
    }

    @Test
    void badActionsAreRefusedWithTheReason() throws Exception {
        send("orders", 1);
        HttpResponse<String> unknown = call("POST", "/api/actions", "root", "r", "{\"queue\":\"orders\",\"action\":\"explode\"}", true);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("explode");
        assertThat(call("POST", "/api/actions", "root", "r", "{\"queue\":\"orders\",\"action\":\"remove\",\"selector\":\"a = = 1\"}", true)
                .statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/actions", "root", "r", "not json", true).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/actions", "root", "r", "{\"queue\":\"nowhere\",\"action\":\"pause\"}", true)
                .statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/actions", "root", "r", "{\"action\":\"pause\"}", true).statusCode()).isEqualTo(400);
        assertThat(broker.messageCount("orders")).hasValue(1);
    }

    @Test
    void connectionsAndPoliciesAreListed() throws Exception {
        broker.setPolicy("orders.>", "maxDeliveryAttempts", "4");
        JsonNode connections = get("/api/connections", "root", "r");
        assertThat(connections).hasSize(1);
        assertThat(connections.get(0).get("user").asText()).isEqualTo("root");
        JsonNode policies = get("/api/policies", "root", "r");
        assertThat(policies.findValuesAsText("pattern")).contains("orders.>");
    }

    @Test
    void theConsolesFilesAreServedWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = call("GET", "/console/", "root", "r", null, false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Tern console</title>");
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(call("GET", "/console/console.js", "root", "r", null, false).headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(call("GET", "/console/../../etc/passwd", "root", "r", null, false).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/", null, null, null, false).statusCode()).isEqualTo(302);
    }

    private int action(String body) throws Exception {
        HttpResponse<String> answer = call("POST", "/api/actions", "root", "r", body, true);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("count").asInt();
    }

    private JsonNode get(String path, String user, String password) throws Exception {
        HttpResponse<String> answer = call("GET", path, user, password, null, false);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> call(String method, String path, String user, String password, String body,
            boolean consoleHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (consoleHeader) {
            request.header(ConsoleApi.ACTION_HEADER, "1");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void send(String queue, int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            MessageRecord message = new MessageRecord("ID:" + queue + "-" + n, DestinationName.queue(queue), clock.millis(),
                    null, null, null, false, 4, 0, 0, Map.of("region", "eu"), BodyType.TEXT, ConsoleBrowserTest.text("hello"));
            client.call(id -> new Command.Send(id, 1, message));
        }
    }
}
