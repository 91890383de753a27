package dev.tern.cli;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tern broker}: runs a broker until Ctrl+C or SIGTERM. Either shuts it down cleanly through
 * {@link Broker#close()}: it stops accepting, disconnects the clients, lets the journal finish the
 * commits in flight and closes it, then stops its threads.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a broker on tcp://, AMQP 1.0 and STOMP, journaled in H2 or PostgreSQL, until stopped with Ctrl+C or SIGTERM.")
final class BrokerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the broker's settings.")
    private Path config;

    @Option(names = "--port", description = "TCP port to listen on (default 61616; 0 picks a free one).")
    private Integer port;

    @Option(names = "--amqp-port", paramLabel = "PORT|off",
            description = "Port for AMQP 1.0 clients (default 5672; 0 picks a free one; off serves no AMQP).")
    private String amqpPort;

    @Option(names = "--stomp-port", paramLabel = "PORT|off",
            description = "Port for STOMP clients (default 61613; 0 picks a free one; off serves no STOMP).")
    private String stompPort;

    @Option(names = "--http-port", paramLabel = "PORT|off",
            description = "Serve the web console, /health and /metrics (Prometheus) over HTTP on this port; off by default.")
    private String httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
            description = "Address the HTTP port listens on (default localhost; 0.0.0.0 for every interface).")
    private String httpHost;

    @Option(names = "--jmx", negatable = true,
            description = "Register the broker's MBeans in the platform MBean server (default; --no-jmx does not).")
    private Boolean jmx;

    @Option(names = "--host", description = "Address to listen on (default 0.0.0.0, every interface, with a users "
            + "file or --allow-anonymous; 127.0.0.1, this machine only, without).")
    private String host;

    @Option(names = "--allow-anonymous", description = "Let clients of other machines connect without a users file, "
            + "so without a password.")
    private boolean allowAnonymous;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the H2 journal (default ./data).")
    private Path dataDir;

    @Option(names = "--name", description = "Broker name, shown in logs (default tern).")
    private String name;

    @Option(names = "--store", paramLabel = "h2|postgresql",
            description = "Where the journal lives: h2 in --data-dir (default), or a PostgreSQL database (--jdbc-url) "
                    + "that backups share.")
    private String store;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "The PostgreSQL database of --store postgresql: jdbc:postgresql://host:port/database.")
    private String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Its user; the password comes from "
            + "jdbcPassword in --config or the environment variable TERN_JDBC_PASSWORD.")
    private String jdbcUser;

    @Option(names = "--backup", description = "Wait as a backup while another broker is live on the same PostgreSQL "
            + "store, and take over when it stops or its lease runs out.")
    private boolean backup;

    @Option(names = "--lease-time", paramLabel = "MILLIS", description = "How long the live broker's lease on the "
            + "PostgreSQL store lasts without renewal: the time a backup takes over in (default 10000).")
    private Long leaseTimeMillis;

    /** Set by the shutdown hook: a stop that did not come from it came from the broker itself. */
    private volatile boolean shuttingDown;

    @Override
    public Integer call() throws InterruptedException {
        BrokerSettings settings = settings();
        String bindHost = settings.bindHost();
        PrintWriter out = spec.commandLine().getOut();
        if (settings.store().backup()) {
            out.printf("Backup '%s' of the store at %s: waiting until no other broker is live%n", settings.name(),
                    settings.store().jdbcUrl());
            out.flush();
        }
        Broker broker = Broker.start(config(settings, bindHost));
        SecurityReloader reloader = config == null ? null
                : new SecurityReloader(broker, config, settings.security(), () -> settings().security()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (reloader != null) {
                reloader.close();
            }
            shuttingDown = true;
            broker.close();
            stopped.countDown();
        }, "tern-shutdown"));
        broker.whenStopped().thenRun(stopped::countDown);
        String shownHost = bindHost.equals(ListenAddress.EVERY_INTERFACE) || ListenAddress.isLoopback(bindHost)
                ? "localhost" : bindHost;
        out.printf("Tern broker '%s' listening on %s://%s:%d%n", settings.name(), settings.tls() == null ? "tcp" : "ssl",
                shownHost, broker.tcpPort());
        sayWhoCanConnect(settings, bindHost, out);
        out.println(settings.store().isPostgres()
                ? "Data stored in PostgreSQL at " + settings.store().jdbcUrl() + "; this broker is live"
                : settings.persistent()
                        ? "Data stored in " + settings.dataDir().toAbsolutePath().normalize()
                        : "Data kept in memory only (persistent = false)");
        for (String protocol : new TreeMap<>(settings.protocolPorts()).keySet()) {
            out.printf("Serving %s on %s:%d%n", protocol.equals("amqp") ? "AMQP 1.0" : protocol.toUpperCase(Locale.ROOT),
                    shownHost, broker.protocolAcceptor(protocol).port());
        }
        if (settings.management().httpPort() != null) {
            String httpHost = settings.management().httpHost().equals(ListenAddress.EVERY_INTERFACE)
                    ? "localhost" : settings.management().httpHost();
            out.printf("Console on http://%s:%d/ (health on /health, metrics on /metrics)%n", httpHost, broker.httpPort());
        }
        out.println("Stop it with Ctrl+C or SIGTERM.");
        out.flush();
        stopped.await();
        if (!shuttingDown) {
            LOG.error("Broker '{}' stopped by itself: it lost the store's lease to another broker", settings.name());
            return 3;
        }
        return 0;
    }

    /** Says at start who can connect: only this machine by default, anyone when anonymous access was allowed. */
    private static void sayWhoCanConnect(BrokerSettings settings, String bindHost, PrintWriter out) {
        if (settings.management().httpPort() != null && !settings.security().requiresLogin()
                && !ListenAddress.isLoopback(settings.httpBindHost())) {
            LOG.warn("The HTTP port listens on {} without a login (--allow-anonymous): anyone who can reach it can use "
                    + "the console, purge and move messages.", settings.httpBindHost());
        }
        if (settings.exposedWithoutLogin()) {
            LOG.warn("Listening on {} without a users file (--allow-anonymous): anyone who can reach it can connect "
                    + "without a password, send, consume, delete and run the admin commands.", bindHost);
        } else if (settings.listening().host() == null && ListenAddress.isLoopback(bindHost)) {
            out.println("Only clients on this machine can connect: no users file is set. Set usersFile to require "
                    + "a login from other machines, or pass --allow-anonymous to let them in without one.");
        }
    }

    private static BrokerConfig config(BrokerSettings settings, String bindHost) {
        TcpSettings tcp = TcpSettings.onPort(settings.port())
                .withHost(bindHost)
                .withIdleTimeoutMillis(settings.idleTimeoutMillis())
                .withMaxFrameSize(settings.maxFrameSize())
                .withMessageLimits(settings.messageLimits())
                .withMaxInFlightFrameBytes(settings.maxInFlightFrameBytes())
                .withTls(settings.tls());
        BrokerConfig config = BrokerConfig.named(settings.name())
                .withPersistent(settings.persistent())
                .withDataDir(settings.dataDir())
                .withSecurity(settings.security())
                .withTcp(tcp)
                .withPolicies(settings.policies())
                .withPostgres(settings.store().postgres());
        for (Map.Entry<String, Integer> protocol : new TreeMap<>(settings.protocolPorts()).entrySet()) {
            config = config.withProtocol(protocol.getKey(), tcp.withPort(protocol.getValue()));
        }
        return settings.management().applyTo(config, settings.httpBindHost());
    }

    private BrokerSettings settings() {
        BrokerSettings settings = BrokerSettings.defaults();
        if (config != null) {
            settings = settings.withFile(config);
        }
        if (port != null) {
            settings = settings.withPort(port);
        }
        if (httpPort != null) {
            settings = settings.withManagement(settings.management()
                    .withHttpPort(BrokerSettings.parseProtocolPort("--http-port", httpPort)));
        }
        if (httpHost != null) {
            settings = settings.withManagement(settings.management().withHttpHost(httpHost));
        }
        if (jmx != null) {
            settings = settings.withManagement(settings.management().withJmx(jmx));
        }
        if (amqpPort != null) {
            settings = settings.withProtocolPort("amqp", BrokerSettings.parseProtocolPort("--amqp-port", amqpPort));
        }
        if (stompPort != null) {
            settings = settings.withProtocolPort("stomp", BrokerSettings.parseProtocolPort("--stomp-port", stompPort));
        }
        if (host != null) {
            settings = settings.withHost(host);
        }
        if (allowAnonymous) {
            settings = settings.withAllowAnonymous(true);
        }
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (name != null) {
            settings = settings.withName(name);
        }
        return settings.withStore(storeOptions(settings.store()));
    }

    private StoreOptions storeOptions(StoreOptions fromFile) {
        StoreOptions options = fromFile;
        if (store != null) {
            options = options.withType(store);
        }
        if (jdbcUrl != null) {
            options = options.withJdbcUrl(jdbcUrl);
        }
        if (jdbcUser != null) {
            options = options.withJdbcUser(jdbcUser);
        }
        if (backup) {
            options = options.withBackup(true);
        }
        if (leaseTimeMillis != null) {
            options = options.withLeaseTime(java.time.Duration.ofMillis(leaseTimeMillis));
        }
        return options;
    }
}
