package dev.tern.ra.glassfish;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tern's resource adapter in the embedded GlassFish: deployed once per JVM, as {@value #NAME}, and
 * configured with the test broker's URL before it starts. It stays deployed until the server stops, so
 * that each test class deploys only its application.
 */
public final class TernAdapter {

    /** The adapter's name in GlassFish, which names a deployed adapter after its file. */
    public static final String NAME = "tern-ra";

    /** How long the adapter waits, when an endpoint is deactivated, for running deliveries. */
    public static final long DEACTIVATION_TIMEOUT_MILLIS = 3_000;

    private static boolean deployed;

    private TernAdapter() {
    }

    /** Configures and deploys the adapter unless it is deployed already; starts the test broker. */
    public static synchronized void deployOnce() {
        if (deployed) {
            return;
        }
        Path rar = Path.of(System.getProperty("tern.ra.rar", "../ra/target/tern-ra.rar"));
        if (!Files.isRegularFile(rar)) {
            throw new IllegalStateException("No resource adapter at " + rar.toAbsolutePath() + "; build the ra module first");
        }
        // Applications then see the adapter's classes, such as the queues and topics they define with
        // @JMSDestinationDefinition; by default GlassFish shows an application only the adapters it refers
        // to through resources configured in the server or MDB bindings.
        GlassFishAdmin.run("set", "configs.config.server-config.connector-service.class-loading-policy=global");
        GlassFishAdmin.run("create-resource-adapter-config",
                "--property", "brokerUrl=" + GlassFishAdmin.escape(TestBroker.url())
                        + ":deactivationTimeoutMillis=" + DEACTIVATION_TIMEOUT_MILLIS,
                NAME);
        GlassFishAdmin.run("deploy", "--name", NAME, rar.toAbsolutePath().toString());
        deployed = true;
    }
}
