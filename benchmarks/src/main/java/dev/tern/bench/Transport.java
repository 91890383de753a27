package dev.tern.bench;

/** How a scenario's clients reach the broker: in the same JVM without a socket, or over loopback TCP. */
public enum Transport {
    VM("vm"),
    TCP("tcp");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** The short name used in scenario names, as in {@code vm} or {@code tcp}. */
    public String label() {
        return label;
    }
}
