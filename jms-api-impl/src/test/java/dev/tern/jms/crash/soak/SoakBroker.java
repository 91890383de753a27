package dev.tern.jms.crash.soak;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of the crash soak: a persistent broker on the given data directory, listening on
 * {@code tcp://127.0.0.1:PORT}, that runs until it is killed.
 *
 * <p>Lines printed: {@code READY} once the journal is loaded and the port is open, or {@code FAILED <reason>}
 * before exiting if the broker could not start.
 */
public final class SoakBroker {

    /** The soak's destinations never dead-letter, so that a message is on its queue or consumed, nowhere else. */
    static final String DESTINATIONS = "soak.>";

    private SoakBroker() {
    }

    /** @param args the data directory, then the port */
    public static void main(String[] args) throws InterruptedException {
        try {
            EmbeddedBrokers.start(BrokerConfig.named("soak").withDataDir(Path.of(args[0]))
                    .withTcp(TcpSettings.onPort(Integer.parseInt(args[1])).withHost("127.0.0.1"))
                    .withPolicies(AddressPolicies.NONE.with(DESTINATIONS, "maxDeliveryAttempts", "-1")));
        } catch (RuntimeException e) {
            report(System.out, "FAILED " + e);
            System.exit(1);
        }
        report(System.out, "READY");
        new CountDownLatch(1).await();
    }
}
