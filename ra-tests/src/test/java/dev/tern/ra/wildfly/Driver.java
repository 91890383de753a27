package dev.tern.ra.wildfly;

import dev.tern.ra.glassfish.Inbox.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The test JVM's side of {@link DriverServlet}: calls it over HTTP. */
final class Driver {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final URI base;
    private final String bean;

    /** Drives the application at this URL, whose session bean of this simple class name sends. */
    Driver(URL deploymentUrl, String bean) {
        this.base = URI.create(deploymentUrl.toString().replaceAll("/?$", "/") + "driver");
        this.bean = bean;
    }

    /**
     * Calls a method of the session bean with a queue name (empty: none) and a text; returns
     * {@value DriverServlet#SYSTEM_EXCEPTION} if it threw one, else what it returned (empty for nothing).
     */
    String call(String method, String queue, String text) {
        return post(Map.of("bean", bean, "op", method, "queue", queue, "text", text), Duration.ofSeconds(30));
    }

    /** The named listener's next delivery, or null if none came within the timeout. */
    Delivery next(String listener, Duration timeout) {
        List<Delivery> one = DriverServlet.parse(post(Map.of("op", "next", "listener", listener,
                "timeoutMillis", String.valueOf(timeout.toMillis())), timeout.plusSeconds(30)));
        return one.isEmpty() ? null : one.get(0);
    }

    /** Every delivery the named listener saw so far. */
    List<Delivery> all(String listener) {
        return DriverServlet.parse(post(Map.of("op", "all", "listener", listener), Duration.ofSeconds(30)));
    }

    private String post(Map<String, String> parameters, Duration timeout) {
        String query = new LinkedHashMap<>(parameters).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "?" + query)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
