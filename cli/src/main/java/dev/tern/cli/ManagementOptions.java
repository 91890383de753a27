package dev.tern.cli;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import java.lang.management.ManagementFactory;

/**
 * How the standalone broker is watched: its HTTP port for the console, {@code /health} and {@code /metrics} (off by
 * default, on {@code localhost} unless moved) and its MBeans in the platform's MBean server (on by default).
 *
 * @param httpPort the HTTP port, 0 for any free one, null for none
 * @param httpHost the address the HTTP port listens on
 * @param jmx whether the broker registers its MBeans, for jconsole and VisualVM
 */
record ManagementOptions(Integer httpPort, String httpHost, boolean jmx) {

    static final ManagementOptions DEFAULT = new ManagementOptions(null, "localhost", true);

    ManagementOptions withHttpPort(Integer value) {
        return new ManagementOptions(value, httpHost, jmx);
    }

    ManagementOptions withHttpHost(String value) {
        return new ManagementOptions(httpPort, value, jmx);
    }

    ManagementOptions withJmx(boolean value) {
        return new ManagementOptions(httpPort, httpHost, value);
    }

    /**
     * A broker configuration with these applied.
     *
     * @param httpBindHost the address the HTTP port binds, as {@link BrokerSettings#httpBindHost} allows it
     */
    BrokerConfig applyTo(BrokerConfig config, String httpBindHost) {
        BrokerConfig applied = config.withJmx(jmx ? ManagementFactory.getPlatformMBeanServer() : null);
        return httpPort == null ? applied : applied.withHttp(TcpSettings.onPort(httpPort).withHost(httpBindHost));
    }
}
