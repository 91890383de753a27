package dev.tern.jms.crash.soak;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.store.PostgresSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of the crash soaks: a persistent broker on the given data directory, or on a PostgreSQL database
 * it shares with other brokers of the high-availability soak, listening on {@code tcp://127.0.0.1:PORT}, that
 * runs until it is killed.
 *
 * <p>Lines printed: {@code READY} once the journal is loaded and the port is open (on PostgreSQL, once it is the
 * live broker: it waits as a backup until then), or {@code FAILED <reason>} before exiting if the broker could
 * not start. A broker on PostgreSQL that loses the store's lease prints {@code STOPPED} and exits.
 */
public final class SoakBroker {

    /** The soak's destinations never dead-letter, so that a message is on its queue or consumed, nowhere else. */
    static final String DESTINATIONS = "soak.>";

    private SoakBroker() {
    }

    /** @param args the data directory or a PostgreSQL JDBC URL, then the port, then on PostgreSQL the lease time in ms */
    public static void main(String[] args) throws InterruptedException {
        try {
            BrokerConfig config = BrokerConfig.named("soak-" + args[1])
                    .withTcp(TcpSettings.onPort(Integer.parseInt(args[1])).withHost("127.0.0.1"))
                    .withPolicies(AddressPolicies.NONE.with(DESTINATIONS, "maxDeliveryAttempts", "-1"));
            config = args[0].startsWith("jdbc:")
                    ? config.withPostgres(PostgresSettings.of(args[0], null, null).withBackup(true)
                            .withLeaseTime(Duration.ofMillis(Long.parseLong(args[2]))))
                    : config.withDataDir(Path.of(args[0]));
            EmbeddedBrokers.start(config).whenStopped().thenRun(() -> {
                report(System.out, "STOPPED");
                System.exit(3);
            });
        } catch (RuntimeException e) {
            report(System.out, "FAILED " + e);
            System.exit(1);
        }
        report(System.out, "READY");
        new CountDownLatch(1).await();
    }
}
