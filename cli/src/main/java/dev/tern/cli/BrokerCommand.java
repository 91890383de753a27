package dev.tern.cli;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        description = "Runs a broker on tcp://, journaled in H2, until stopped with Ctrl+C or SIGTERM.")
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the broker's settings.")
    private Path config;

    @Option(names = "--port", description = "TCP port to listen on (default 61616; 0 picks a free one).")
    private Integer port;

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
        return BrokerConfig.named(settings.name())
                .withPersistent(settings.persistent())
                .withDataDir(settings.dataDir())
                .withSecurity(settings.security())
                .withTcp(tcp)
                .withPolicies(settings.policies());
    }

    private BrokerSettings settings() {
        BrokerSettings settings = BrokerSettings.defaults();
        if (config != null) {
            settings = settings.withFile(config);
        }
        if (port != null) {
            settings = settings.withPort(port);
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
