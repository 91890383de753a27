package dev.tern.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.RecordingClient;
import dev.tern.broker.net.TcpSettings;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP endpoint of a broker with users: health without a login, metrics for admins only, bad requests. */
@Timeout(60)
class ManagementEndpointTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Broker broker;
    private String base;

    @BeforeEach
    void start() throws IOException {
        Path users = Files.writeString(dir.resolve("users.properties"), "root = r\nshop = s\nrole.admin = root\n");
        broker = Broker.start(BrokerConfig.named("http-" + UUID.randomUUID()).withPersistent(false).withUsersFile(users)
                .withHttp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        base = "http://127.0.0.1:" + broker.httpPort();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void healthNeedsNoLoginAndSaysWhatIsUp() throws Exception {
        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"store\":\"UP\"", "\"acceptors\":\"UP\"");
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsNeedAnAdminLogin() throws Exception {
        HttpResponse<String> anonymous = get("/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(get("/metrics", basic("root", "wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> shop = get("/metrics", basic("shop", "s"));
        assertThat(shop.statusCode()).isEqualTo(403);
        assertThat(shop.body()).contains("shop");
        assertThat(get("/metrics", basic("root", "r")).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreValidPrometheusTextWithTheBrokersAndTheJvmsMeters() throws Exception {
        RecordingClient client = RecordingClient.connectedTo(broker);
        client.call(id -> new Command.OpenConnection(id, null, "root", "r"));
        client.call(id -> new Command.CreateSession(id, 1, AckMode.AUTO));
        for (int i = 0; i < 3; i++) {
            MessageRecord message = new MessageRecord("ID:" + i, DestinationName.queue("orders"), 0, null, null, null,
                    false, 4, 0, 0, Map.of(), BodyType.TEXT, "hello".getBytes(StandardCharsets.UTF_8));
            client.call(id -> new Command.Send(id, 1, message));
        }

        HttpResponse<String> scraped = get("/metrics", basic("root", "r"));
        assertThat(scraped.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        PrometheusText metrics = PrometheusText.parse(scraped.body());

        Map<String, String> orders = Map.of("queue", "orders", "kind", "queue", "broker", broker.config().name());
        assertThat(metrics.value("tern_queue_messages", orders)).isEqualTo(3);
        assertThat(metrics.value("tern_queue_enqueued_total", orders)).isEqualTo(3);
        assertThat(metrics.type("tern_queue_enqueued_total")).isEqualTo("counter");
        assertThat(metrics.type("tern_queue_messages")).isEqualTo("gauge");
        assertThat(metrics.value("tern_connections", Map.of())).isEqualTo(1);
        assertThat(metrics.find("jvm_memory_used_bytes", Map.of())).isNotEmpty();
        assertThat(metrics.find("process_uptime_seconds", Map.of())).isNotEmpty();

        broker.purgeQueue("orders");
        broker.deleteQueue("orders");
        PrometheusText after = PrometheusText.parse(get("/metrics", basic("root", "r")).body());
        assertThat(after.find("tern_queue_messages", Map.of("queue", "orders"))).isEmpty();
    }

    @Test
    void anApplicationsRegistryAndTheEndpointBothGetTheMetersAndLoseThemWithTheQueue() throws Exception {
        SimpleMeterRegistry application = new SimpleMeterRegistry();
        try (Broker both = Broker.start(BrokerConfig.named("http-both-" + UUID.randomUUID()).withPersistent(false)
                .withMeterRegistry(application).withHttp(TcpSettings.onPort(0).withHost("127.0.0.1")))) {
            both.postOffice().pointToPointQueue(DestinationName.queue("orders"));
            String url = "http://127.0.0.1:" + both.httpPort() + "/metrics";
            PrometheusText scraped = PrometheusText.parse(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(scraped.find("tern_queue_messages", Map.of("queue", "orders"))).hasSize(1);
            assertThat(application.find("tern.queue.messages").tag("queue", "orders").gauge()).isNotNull();

            both.deleteQueue("orders");

            scraped = PrometheusText.parse(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(scraped.find("tern_queue_messages", Map.of("queue", "orders"))).isEmpty();
            assertThat(application.find("tern.queue.messages").tag("queue", "orders").gauge()).isNull();
        }
    }

    @Test
    void aRequestNamingAnotherHostIsRefusedExceptHealth() throws Exception {
        assertThat(rawGet("/metrics", "evil.example:" + broker.httpPort())).startsWith("HTTP/1.1 403");
        assertThat(rawGet("/health", "evil.example:" + broker.httpPort())).startsWith("HTTP/1.1 200");
        assertThat(rawGet("/metrics", "localhost:" + broker.httpPort())).as("asks for a login").startsWith("HTTP/1.1 401");
        assertThat(ManagementRoutes.namesLoopback("[::1]:8161")).isTrue();
        assertThat(ManagementRoutes.namesLoopback("127.0.0.1")).isTrue();
        assertThat(ManagementRoutes.namesLoopback("localhost.evil.example")).isFalse();
        assertThat(ManagementRoutes.namesLoopback(null)).isFalse();
    }

    private String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", broker.httpPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return statusLine(socket.getInputStream());
        }
    }

    @Test
    void unknownPathsAndMethodsGetTheirStatus() throws Exception {
        assertThat(get("/nowhere", null).statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void anOversizedRequestIsRefusedAndAMalformedOneClosesOnlyItsConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.httpPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: " + (HttpEndpoint.MAX_REQUEST_BYTES + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[HttpEndpoint.MAX_REQUEST_BYTES + 1]);
            out.flush();
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
        try (Socket socket = new Socket("127.0.0.1", broker.httpPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("\u0001\u0002 garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .as("answered, then closed").startsWith("HTTP/1.1 400");
        }
        assertThat(get("/health", null).statusCode()).as("others are still served").isEqualTo(200);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
