package dev.tern.cli;

import dev.tern.jms.TernConnection;
import dev.tern.protocol.QueueStatistics;
import jakarta.jms.JMSException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern stat}: a table of every queue's depth, consumers and message rates. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Shows the broker reached (with a failover: URL, the live one) and each queue and topic subscription: "
                + "messages waiting, consumers, and rates in and out.")
final class StatCommand implements Callable<Integer> {

    private static final String ROW = "%-40s %10s %10s %12s %12s %10s %10s%n";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private OutputOption output;

    @Option(names = "--interval", defaultValue = "1000",
            description = "Milliseconds between the two samples rates are computed from; 0 shows no rates "
                    + "(default ${DEFAULT-VALUE}).")
    private long intervalMillis;

    @Override
    public Integer call() throws JMSException, InterruptedException {
        try (TernConnection tern = connection.open()) {
            List<QueueStatistics> before = tern.queueStatistics();
            List<QueueStatistics> after = before;
            long measuredMillis = 0;
            if (intervalMillis > 0) {
                long start = System.nanoTime();
                Thread.sleep(intervalMillis);
                after = tern.queueStatistics();
                measuredMillis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            }
            print(tern.connectedBroker(), before, after, measuredMillis);
        }
        return 0;
    }

    private void print(String broker, List<QueueStatistics> before, List<QueueStatistics> after, long measuredMillis) {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, QueueStatistics> earlier = before.stream()
                .collect(Collectors.toMap(QueueStatistics::name, Function.identity()));
        if (output.json()) {
            OutputOption.printJson(out, after.stream().map(now -> {
                QueueStatistics then = earlier.getOrDefault(now.name(), now);
                return new QueueRates(now, perSecond(then.enqueuedCount(), now.enqueuedCount(), measuredMillis),
                        perSecond(then.dispatchedCount(), now.dispatchedCount(), measuredMillis));
            }).toList());
            return;
        }
        // With failover: over brokers that share a store, only the live one accepts connections.
        out.println("Broker " + broker);
        out.printf(ROW, "QUEUE", "MESSAGES", "CONSUMERS", "ENQUEUED", "DISPATCHED", "IN/S", "OUT/S");
        for (QueueStatistics now : after) {
            QueueStatistics then = earlier.getOrDefault(now.name(), now);
            out.printf(ROW, now.name(), now.messageCount(), now.consumerCount(), now.enqueuedCount(),
                    now.dispatchedCount(), rate(then.enqueuedCount(), now.enqueuedCount(), measuredMillis),
                    rate(then.dispatchedCount(), now.dispatchedCount(), measuredMillis));
        }
        if (after.isEmpty()) {
            out.println("(no queues yet)");
        }
    }

    private static String rate(long then, long now, long measuredMillis) {
        Double perSecond = perSecond(then, now, measuredMillis);
        return perSecond == null ? "-" : String.format("%.1f", perSecond);
    }

    private static Double perSecond(long then, long now, long measuredMillis) {
        return measuredMillis == 0 ? null : (now - then) * 1000.0 / measuredMillis;
    }

    /** A queue's counters with its rates in and out, per second; null rates for {@code --interval 0}. */
    record QueueRates(QueueStatistics queue, Double inPerSecond, Double outPerSecond) {
    }
}
