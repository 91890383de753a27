package dev.tern.broker.metrics;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry behind a broker's {@code /metrics}: the broker's meters and the JVM's (memory, garbage
 * collection, threads, CPU, uptime), written in Prometheus's text format. Needs
 * {@code io.micrometer:micrometer-registry-prometheus}, which {@code tern-cli} brings.
 */
public final class PrometheusExposition implements AutoCloseable {

    /** The media type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private PrometheusExposition(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * A new registry with the JVM's meters.
     *
     * @throws BrokerException INVALID_ARGUMENT, naming the dependency, if Micrometer's Prometheus registry or
     *     Jackson (for the console's JSON) is missing
     */
    public static PrometheusExposition create() {
        requireHttpDependencies();
        return new PrometheusExposition(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Checks that what the HTTP port needs is on the class path: Micrometer's Prometheus registry for
     * {@code /metrics}, Jackson for the console's JSON; before a broker builds anything.
     *
     * @throws BrokerException INVALID_ARGUMENT naming the missing dependency
     */
    public static void requireHttpDependencies() {
        requireClass("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", "io.micrometer:micrometer-registry-prometheus");
        requireClass("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core:jackson-databind");
    }

    private static void requireClass(String className, String dependency) {
        try {
            Class.forName(className, false, PrometheusExposition.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, "The HTTP port needs " + dependency
                    + " on the class path; add it, or use tern-cli's jar.");
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter now, in Prometheus's text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
