package dev.tern.jms.net.storm;

import static dev.tern.jms.crash.ReportLines.report;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.vm.EmbeddedBrokers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link ConnectionStormTest}: a persistent broker on the given data directory, listening
 * on {@code tcp://127.0.0.1} on a free port, that answers requests read from standard input, one line each,
 * until that input ends.
 *
 * <table>
 *   <caption>Lines printed</caption>
 *   <tr><th>when</th><th>line</th></tr>
 *   <tr><td>started</td><td>{@code READY <port>}, or {@code FAILED <reason>} before exiting</td></tr>
 *   <tr><td>{@code HEAP}</td><td>{@code HEAP <live> <most> <max> <collections>}: bytes in use after a full
 *       collection made now, the most in use after any collection since the last request, -Xmx, and the
 *       collections made so far</td></tr>
 *   <tr><td>{@code CONNECTIONS}</td><td>{@code CONNECTIONS <n>}: client connections open</td></tr>
 *   <tr><td>{@code PURGE <queue>}</td><td>{@code PURGE <n>}: messages removed from the queue</td></tr>
 * </table>
 */
public final class StormBroker {

    /** The steady pair's queue: at most 2,000 waiting messages, then its producer is held back (BLOCK). */
    static final String STEADY = "storm.steady";
    /** The queue of the consumers that never read, fed all along: default policy, so it pages to the journal. */
    static final String SLOW = "storm.slow";
    /** The queue the storm's connections consume from and drop; its messages never dead-letter. */
    static final String CHURN = "storm.churn";
    /** The steady queue's limit. */
    static final int STEADY_MAX_MESSAGES = 2_000;

    private StormBroker() {
    }

    /** @param args the data directory */
    public static void main(String[] args) throws IOException {
        HeapWatch heap = new HeapWatch();
        Broker broker;
        try {
            broker = EmbeddedBrokers.start(BrokerConfig.named("storm").withDataDir(Path.of(args[0]))
                    .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1"))
                    .withPolicies(AddressPolicies.NONE
                            .with(STEADY, "fullPolicy", "BLOCK")
                            .with(STEADY, "maxMessages", String.valueOf(STEADY_MAX_MESSAGES))
                            .with(CHURN, "maxDeliveryAttempts", "-1")));
        } catch (RuntimeException e) {
            report(System.out, "FAILED " + e);
            System.exit(1);
            return;
        }
        report(System.out, "READY " + broker.tcpPort());
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String request = requests.readLine(); request != null; request = requests.readLine()) {
            report(System.out, answer(request.strip(), broker, heap));
        }
        EmbeddedBrokers.stop("storm");
    }

    private static String answer(String request, Broker broker, HeapWatch heap) {
        if (request.equals("HEAP")) {
            long live = heap.usedAfterFullGc();
            return "HEAP " + live + " " + heap.takeMostAfterGc() + " " + HeapWatch.max() + " " + heap.collections();
        }
        if (request.equals("CONNECTIONS")) {
            return "CONNECTIONS " + broker.connectionCount();
        }
        if (request.startsWith("PURGE ")) {
            return "PURGE " + broker.purgeQueue(request.substring("PURGE ".length()));
        }
        return "UNKNOWN " + request;
    }
}
