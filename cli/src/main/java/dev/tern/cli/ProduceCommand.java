package dev.tern.cli;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tern produce}: sends text messages to a running broker. */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Sends text messages.")
final class ProduceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--count", defaultValue = "1", description = "How many messages (default ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--message", description = "The text of every message; %%d is replaced by its number. "
            + "Default: 'message %%d', or --size characters.")
    private String text;

    @Option(names = "--size", description = "Send messages of this many characters instead of --message.")
    private Integer size;

    @Option(names = "--non-persistent", description = "Send NON_PERSISTENT messages (default PERSISTENT).")
    private boolean nonPersistent;

    @Option(names = "--priority", defaultValue = "4", description = "JMSPriority, 0-9 (default ${DEFAULT-VALUE}).")
    private int priority;

    @Option(names = "--ttl", defaultValue = "0", description = "Time to live in milliseconds; 0 never expires.")
    private long timeToLive;

    @Option(names = "--property", paramLabel = "NAME=VALUE", description = "A string property on every message.")
    private java.util.Map<String, String> properties = java.util.Map.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JMSContext context = connection.context(JMSContext.AUTO_ACKNOWLEDGE)) {
            Destination destination = connection.destination();
            JMSProducer producer = context.createProducer()
                    .setDeliveryMode(nonPersistent ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT)
                    .setPriority(priority)
                    .setTimeToLive(timeToLive);
            properties.forEach(producer::setProperty);
            String padding = size == null ? null : "x".repeat(size);
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                producer.send(destination, padding != null ? padding : body(i));
            }
            long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            out.printf("Sent %d message%s to %s in %d ms (%d msg/s)%n", count, count == 1 ? "" : "s",
                    connection.destination, millis, count * 1000L / millis);
        }
        return 0;
    }

    private String body(int number) {
        return (text == null ? "message %d" : text).replace("%d", Integer.toString(number));
    }
}
