package dev.tern.bench;

/** Told by a scenario when its phases end, so that the runner can read broker counters in between. */
public interface RunObserver {

    /** Does nothing. */
    RunObserver NONE = messagesSent -> { };

    /** Every producer has returned from its last send (and commit); consumers may still be draining. */
    void sendingFinished(long messagesSent);
}
