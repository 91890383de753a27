package dev.tern.bench;

/**
 * A broker's client refused a Jakarta Messaging call the scenario needs (it threw
 * {@link UnsupportedOperationException}); the scenario has no figures for that broker.
 */
public final class ScenarioUnsupportedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScenarioUnsupportedException(String scenario, UnsupportedOperationException cause) {
        super(scenario + " needs a call the client does not support: " + cause.getMessage(), cause);
    }

    /** The broker, as the harness runs it, does not serve what the scenario needs, for the reason given. */
    public ScenarioUnsupportedException(String scenario, String reason) {
        super(scenario + " cannot run: " + reason);
    }
}
