package dev.tern.bench;

/**
 * How a scenario's clients reach the broker: in the same JVM without a socket, over loopback TCP with the
 * broker's own JMS client, or over loopback TCP with AMQP 1.0 through Qpid JMS (the same client for every broker).
 */
public enum Transport {
    VM("vm"),
    TCP("tcp"),
    AMQP("amqp");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** The short name used in scenario names, as in {@code vm} or {@code tcp}. */
    public String label() {
        return label;
    }
}
