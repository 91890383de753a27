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
        description = "Runs a broker on tcp://, AMQP 1.0 and STOMP, journaled in H2, until stopped with Ctrl+C or SIGTERM.")
final class BrokerCommand implements Callable<Integer> {

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

    @Option(names = "--host", description = "Address to listen on (default 0.0.0.0, every interface).")
    private String host;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the H2 journal (default ./data).")
    private Path dataDir;

    @Option(names = "--name", description = "Broker name, shown in logs (default tern).")
    private String name;

    @Override
    public Integer call() throws InterruptedException {
        BrokerSettings settings = settings();
        Broker broker = Broker.start(config(settings));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "tern-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String shownHost = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
        out.printf("Tern broker '%s' listening on %s://%s:%d%n", settings.name(), settings.tls() == null ? "tcp" : "ssl",
                shownHost, broker.tcpPort());
        out.println(settings.persistent()
                ? "Data stored in " + settings.dataDir().toAbsolutePath().normalize()
                : "Data kept in memory only (persistent = false)");
        for (String protocol : new TreeMap<>(settings.protocolPorts()).keySet()) {
            out.printf("Serving %s on %s:%d%n", protocol.equals("amqp") ? "AMQP 1.0" : protocol.toUpperCase(Locale.ROOT),
                    shownHost, broker.protocolAcceptor(protocol).port());
        }
        out.println("Stop it with Ctrl+C or SIGTERM.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static BrokerConfig config(BrokerSettings settings) {
        TcpSettings tcp = TcpSettings.onPort(settings.port())
                .withHost(settings.host())
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
                .withPolicies(settings.policies());
        for (Map.Entry<String, Integer> protocol : new TreeMap<>(settings.protocolPorts()).entrySet()) {
            config = config.withProtocol(protocol.getKey(), tcp.withPort(protocol.getValue()));
        }
        return config;
    }

    private BrokerSettings settings() {
        BrokerSettings settings = BrokerSettings.defaults();
        if (config != null) {
            settings = settings.withFile(config);
        }
        if (port != null) {
            settings = settings.withPort(port);
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
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (name != null) {
            settings = settings.withName(name);
        }
        return settings;
    }
}
