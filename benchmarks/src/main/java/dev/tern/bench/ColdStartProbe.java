package dev.tern.bench;

import jakarta.jms.DeliveryMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The child process of the cold-start scenario: starts one embedded broker with its journal and no network
 * listener ({@link BrokerKind#startEmbedded}), makes one persistent round trip over {@code vm://}, stops
 * the broker, prints one {@value #PREFIX} line with its timings and the threads still alive, and returns
 * from {@code main} so that a thread left behind keeps the JVM up.
 *
 * <p>Usage: {@code ColdStartProbe TERN|ARTEMIS|CLASSIC DATA_DIR}.
 */
public final class ColdStartProbe {

    /** Starts the line the parent reads. */
    static final String PREFIX = "COLDSTART";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        BrokerKind kind = BrokerKind.valueOf(args[0]);
        Path dataDir = Path.of(args[1]);
        ThreadCensus census = ThreadCensus.take();
        long t0 = System.nanoTime();
        BrokerUnderTest broker = kind.startEmbedded(dataDir, true);
        long t1 = System.nanoTime();
        RoundTrip.once(broker.connectionFactory(Transport.VM), "bench.cold-start", DeliveryMode.PERSISTENT);
        long t2 = System.nanoTime();
        broker.close();
        long t3 = System.nanoTime();
        List<Thread> left = census.threadsLeft();
        long nonDaemon = left.stream().filter(t -> !t.isDaemon()).count();
        System.out.println(String.format(Locale.ROOT,
                "%s start_ms=%.1f roundtrip_ms=%.1f stop_ms=%.1f threads_left=%d non_daemon_left=%d names=%s",
                PREFIX, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, left.size(), nonDaemon,
                left.stream().map(Thread::getName).sorted().toList()));
        System.out.flush();
    }
}
