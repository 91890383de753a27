package dev.tern.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Which scenarios a session runs: the three that have runners of their own (cold start, broker per test,
 * deep queue), each chosen or not, and the in-JVM {@link Scenario}s.
 */
public record ScenarioSelection(boolean coldStart, boolean perTest, boolean deepQueue, List<Scenario> scenarios) {

    public ScenarioSelection {
        scenarios = List.copyOf(scenarios);
    }

    /** Everything whose name contains one of the fragments; everything for none. */
    public static ScenarioSelection matching(List<String> fragments) {
        boolean all = fragments == null || fragments.isEmpty();
        return new ScenarioSelection(
                all || fragments.stream().anyMatch(ColdStartRunner.NAME::contains),
                all || fragments.stream().anyMatch(BrokerPerTestRunner.NAME::contains),
                all || fragments.stream().anyMatch(DeepQueueRunner.NAME::contains),
                Scenarios.matching(fragments));
    }

    /** Only these in-JVM scenarios. */
    public static ScenarioSelection only(List<Scenario> scenarios) {
        return new ScenarioSelection(false, false, false, scenarios);
    }

    /** The names selected, in the order they run. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (coldStart) {
            names.add(ColdStartRunner.NAME);
        }
        if (perTest) {
            names.add(BrokerPerTestRunner.NAME);
        }
        scenarios.forEach(s -> names.add(s.name()));
        if (deepQueue) {
            names.add(DeepQueueRunner.NAME);
        }
        return names;
    }
}
