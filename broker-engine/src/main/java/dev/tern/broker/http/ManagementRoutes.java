package dev.tern.broker.http;

import dev.tern.broker.metrics.PrometheusExposition;
import dev.tern.broker.security.Permission;
import dev.tern.broker.BrokerException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The management endpoint's routes:
 * <ul>
 *   <li>{@code GET /health}, {@code /health/live} and {@code /health/ready}: for a container's probes and
 *   load balancers, without a login. Live while the broker runs; ready once it serves: started, its store
 *   writing and its ports bound. 200 when up, 503 when not, with a small JSON body.</li>
 *   <li>{@code GET /metrics}: every meter in Prometheus's text format, for a user with the permission
 *   {@code admin} on some destination (see {@link HttpLogin}).</li>
 * </ul>
 */
public final class ManagementRoutes implements HttpRoutes {

    private final HttpLogin login;
    private final BooleanSupplier live;
    private final Map<String, BooleanSupplier> readiness;
    private final PrometheusExposition metrics;

    /**
     * @param readiness the checks readiness needs, by name ({@code store}, {@code acceptors}), in order
     */
    public ManagementRoutes(HttpLogin login, BooleanSupplier live, Map<String, BooleanSupplier> readiness,
            PrometheusExposition metrics) {
        this.login = login;
        this.live = live;
        this.readiness = readiness;
        this.metrics = metrics;
    }

    @Override
    public HttpAnswer answer(HttpCall call) {
        if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
            return new HttpAnswer(405, "text/plain; charset=utf-8",
                    (call.method() + " is not allowed here\n").getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET"));
        }
        return switch (call.path()) {
            case "/health", "/health/ready" -> ready();
            case "/health/live" -> health(live.getAsBoolean(), "{\"broker\":\"" + state(live.getAsBoolean()) + "\"}");
            case "/metrics" -> metrics(call);
            default -> HttpAnswer.notFound(call.path());
        };
    }

    private HttpAnswer ready() {
        StringBuilder checks = new StringBuilder("{\"broker\":\"" + state(live.getAsBoolean()) + "\"");
        boolean up = live.getAsBoolean();
        for (Map.Entry<String, BooleanSupplier> check : readiness.entrySet()) {
            boolean passed = check.getValue().getAsBoolean();
            up &= passed;
            checks.append(",\"").append(check.getKey()).append("\":\"").append(state(passed)).append('"');
        }
        return health(up, checks.append('}').toString());
    }

    private static HttpAnswer health(boolean up, String checks) {
        return HttpAnswer.json(up ? 200 : 503, "{\"status\":\"" + state(up) + "\",\"checks\":" + checks + "}\n");
    }

    private static String state(boolean up) {
        return up ? "UP" : "DOWN";
    }

    private HttpAnswer metrics(HttpCall call) {
        try {
            login.login(call).checkSomewhere(Permission.ADMIN);
        } catch (HttpLogin.Refused refused) {
            return refused.answer();
        } catch (BrokerException e) {
            return HttpAnswer.text(403, e.getMessage() + "\n");
        }
        return new HttpAnswer(200, PrometheusExposition.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of());
    }
}
