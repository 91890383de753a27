package dev.tern.bench;

import jakarta.jms.ConnectionFactory;

/**
 * One workload, written once against the Jakarta Messaging API and run unchanged against every broker.
 * A scenario creates its own connections from the factory and closes them all before it returns.
 */
public interface Scenario {

    /** A short unique name, as in {@code p2p-nonpersistent-tcp}. */
    String name();

    /** Whether the broker must be started with its journal, because the scenario sends persistent messages. */
    boolean persistent();

    /** The transport its clients use. */
    Transport transport();

    /** How its producers send; the broker's factory is set up for it. */
    default SendStyle sendStyle() {
        return SendStyle.PLAIN;
    }

    /**
     * Runs the workload once within the limits and reports what it measured.
     *
     * @param observer told when the producers have finished, if the scenario has producers
     * @throws ScenarioUnsupportedException if the broker's client refuses a call the scenario needs
     */
    ScenarioResult run(ConnectionFactory factory, RunLimits limits, RunObserver observer) throws Exception;
}
