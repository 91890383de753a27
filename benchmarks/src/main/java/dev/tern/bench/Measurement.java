package dev.tern.bench;

/**
 * One run of one scenario against one broker.
 *
 * @param scenario the scenario's name
 * @param broker the broker's display name
 * @param repeat which repeat, from 1
 * @param result what the run measured
 * @param threadsLeft threads that were not running before the broker started and still run after it stopped
 */
public record Measurement(String scenario, String broker, int repeat, ScenarioResult result, int threadsLeft) {
}
