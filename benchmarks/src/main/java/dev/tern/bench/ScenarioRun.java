package dev.tern.bench;

/** Runs one recorded repeat of a scenario on one broker, with whatever warm-up rounds come before it. */
@FunctionalInterface
interface ScenarioRun {

    /**
     * @throws ScenarioUnsupportedException if the broker, as the harness runs it, cannot run the scenario
     */
    Measurement run(Scenario scenario, BrokerKind broker, int repeat) throws Exception;
}
