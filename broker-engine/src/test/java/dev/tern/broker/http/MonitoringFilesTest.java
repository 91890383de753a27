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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules and the Grafana dashboard in {@code docs/monitoring} name only metrics a persistent
 * broker with some traffic exports, so that they keep working as meters are renamed.
 */
@Timeout(60)
class MonitoringFilesTest {

    private static final Path MONITORING = Path.of("..", "docs", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b((?:tern|jvm)_[a-z_]+)\\b");

    @TempDir
    Path dataDir;

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsExported() throws Exception {
        Set<String> exported;
        try (Broker broker = Broker.start(BrokerConfig.named("monitoring-" + UUID.randomUUID()).withDataDir(dataDir)
                .withHttp(TcpSettings.onPort(0).withHost("127.0.0.1")))) {
            RecordingClient client = RecordingClient.connectedTo(broker);
            client.call(id -> new Command.OpenConnection(id, null, null, null));
            client.call(id -> new Command.CreateSession(id, 1, AckMode.AUTO));
            MessageRecord message = new MessageRecord("ID:1", DestinationName.queue("orders"), 0, null, null, null,
                    true, 4, 0, 0, Map.of(), BodyType.TEXT, "hello".getBytes(StandardCharsets.UTF_8));
            client.call(id -> new Command.Send(id, 1, message));
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + broker.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            exported = PrometheusText.parse(body).samples().stream().map(PrometheusText.Sample::name)
                    .collect(Collectors.toSet());
        }
        for (String file : new String[] {"tern-alerts.yml", "grafana-dashboard.json"}) {
            Set<String> used = metricsIn(Files.readString(MONITORING.resolve(file)));
            assertThat(used).as(file).isNotEmpty();
            assertThat(exported).as("metrics %s uses", file).containsAll(used);
        }
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
