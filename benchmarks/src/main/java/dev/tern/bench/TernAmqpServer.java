package dev.tern.bench;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.JournalStatistics;
import dev.tern.broker.net.TcpSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of the child JVM that serves Tern over AMQP 1.0 for {@link TernAmqpUnderTest}: the same
 * broker as {@link TernUnderTest} (default journal), with its AMQP head on a free loopback port.
 *
 * <p>Arguments: data directory, {@code true|false} for persistence. Prints {@value #READY} and the port once
 * it listens; answers a line {@value #STATS_REQUEST} on standard input with {@value #STATS} and the
 * journal's units and syncs; stops when its standard input closes.
 */
public final class TernAmqpServer {

    static final String READY = "TERN-AMQP-READY";
    static final String STATS_REQUEST = "stats";
    static final String STATS = "TERN-STATS";

    private TernAmqpServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        boolean persistent = Boolean.parseBoolean(args[1]);
        Broker broker = Broker.start(BrokerConfig.named("bench-amqp")
                .withPersistent(persistent)
                .withDataDir(dataDir)
                .withProtocol("amqp", TcpSettings.onPort(0).withHost("127.0.0.1")));
        System.out.println(READY + " " + broker.protocolAcceptor("amqp").port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equals(STATS_REQUEST)) {
                JournalStatistics statistics = broker.journalStatistics();
                System.out.println(STATS + " " + statistics.units() + " " + statistics.syncs());
                System.out.flush();
            }
        }
        broker.close();
        System.exit(0);
    }
}
