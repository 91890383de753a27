package dev.tern.broker.http;

import dev.tern.broker.BrokerException;
import dev.tern.broker.metrics.PrometheusExposition;
import dev.tern.broker.security.ConnectionAccess;
import dev.tern.broker.security.Permission;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The management endpoint's routes:
 * <ul>
 *   <li>{@code GET /health}, {@code /health/live} and {@code /health/ready}: for a container's probes and
 *   load balancers, without a login. Live while the broker runs; ready once it serves: started, its store
 *   writing and its ports bound. 200 when up, 503 when not, with a small JSON body.</li>
 *   <li>{@code GET /metrics}: every meter in Prometheus's text format.</li>
 *   <li>{@code /console/}: the web console's page and files, and {@code /api/...}, its JSON API
 *   ({@link ConsoleApi}); {@code /} leads to the console.</li>
 * </ul>
 * All but health need a user with the permission {@code admin} on some destination (see {@link HttpLogin});
 * the console's actions check {@code admin} on the queues they touch. An endpoint on the loopback interface
 * answers those only to requests that name it ({@code Host: localhost...}), so that a web page whose name
 * was made to point at 127.0.0.1 (DNS rebinding) cannot reach it from a browser on this machine.
 */
public final class ManagementRoutes implements HttpRoutes {

    private final HttpLogin login;
    private final BooleanSupplier live;
    private final Map<String, BooleanSupplier> readiness;
    private final PrometheusExposition metrics;
    private final ConsoleApi console;
    private final boolean loopbackOnly;

    /**
     * @param readiness the checks readiness needs, by name ({@code store}, {@code acceptors}), in order
     * @param loopbackOnly whether the endpoint listens on the loopback interface only
     */
    public ManagementRoutes(HttpLogin login, BooleanSupplier live, Map<String, BooleanSupplier> readiness,
            PrometheusExposition metrics, ConsoleApi console, boolean loopbackOnly) {
        this.login = login;
        this.live = live;
        this.readiness = readiness;
        this.metrics = metrics;
        this.console = console;
        this.loopbackOnly = loopbackOnly;
    }

    /** Health needs neither a login nor a thread of its own: the endpoint answers it on the socket's thread. */
    @Override
    public boolean isQuick(HttpCall call) {
        return call.path().startsWith("/health");
    }

    @Override
    public HttpAnswer answer(HttpCall call) {
        boolean read = call.method().equals("GET") || call.method().equals("HEAD");
        if (!read && !(call.method().equals("POST") && call.path().startsWith("/api/"))) {
            return new HttpAnswer(405, "text/plain; charset=utf-8",
                    (call.method() + " is not allowed here\n").getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET"));
        }
        return switch (call.path()) {
            case "/health", "/health/ready" -> ready();
            case "/health/live" -> health(live.getAsBoolean(), "{\"broker\":\"" + state(live.getAsBoolean()) + "\"}");
            case "/" -> new HttpAnswer(302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", "/console/"));
            default -> loggedIn(call);
        };
    }

    /** The routes that need an admin. */
    private HttpAnswer loggedIn(HttpCall call) {
        boolean known = call.path().equals("/metrics") || call.path().startsWith("/console/")
                || call.path().startsWith("/api/");
        if (!known) {
            return HttpAnswer.notFound(call.path());
        }
        if (loopbackOnly && !namesLoopback(call.header("Host"))) {
            return HttpAnswer.text(403, "This endpoint answers requests for localhost only.\n");
        }
        ConnectionAccess access;
        try {
            access = login.login(call);
            access.checkSomewhere(Permission.ADMIN);
        } catch (HttpLogin.Refused refused) {
            return refused.answer();
        } catch (BrokerException e) {
            return HttpAnswer.text(403, e.getMessage() + "\n");
        }
        if (call.path().equals("/metrics")) {
            return new HttpAnswer(200, PrometheusExposition.CONTENT_TYPE,
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
        }
        if (call.path().startsWith("/console/")) {
            return StaticFiles.answer(call.path());
        }
        return console.answer(call, access);
    }

    /** Whether a Host header names this machine's loopback interface, with or without a port. */
    static boolean namesLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equalsIgnoreCase("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
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
}
