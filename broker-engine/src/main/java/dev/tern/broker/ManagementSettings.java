package dev.tern.broker;

import dev.tern.broker.net.TcpSettings;
import io.micrometer.core.instrument.MeterRegistry;
import javax.management.MBeanServer;

/**
 * How a broker is watched and operated.
 *
 * @param meterRegistry where the broker registers its meters (see {@link dev.tern.broker.metrics.BrokerMeters}),
 *     such as a Spring Boot application's own; null for none
 * @param jmx the MBean server the broker registers its MBeans in (see {@link dev.tern.broker.jmx.JmxRegistration}),
 *     such as {@code ManagementFactory.getPlatformMBeanServer()}; null for none
 * @param http where the HTTP endpoint for the console, {@code /metrics} and {@code /health} listens (with TLS
 *     settings, HTTPS); null for none. Its {@code /metrics} needs {@code micrometer-registry-prometheus}
 */
public record ManagementSettings(MeterRegistry meterRegistry, TcpSettings http, MBeanServer jmx) {

    /** No meters, no HTTP endpoint, no MBeans. */
    public static final ManagementSettings NONE = new ManagementSettings(null, null, null);

    public ManagementSettings withMeterRegistry(MeterRegistry newRegistry) {
        return new ManagementSettings(newRegistry, http, jmx);
    }

    public ManagementSettings withHttp(TcpSettings newHttp) {
        return new ManagementSettings(meterRegistry, newHttp, jmx);
    }

    public ManagementSettings withJmx(MBeanServer newJmx) {
        return new ManagementSettings(meterRegistry, http, newJmx);
    }
}
