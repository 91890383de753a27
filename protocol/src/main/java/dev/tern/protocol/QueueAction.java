package dev.tern.protocol;

/** What an operator does to a queue with {@link Command.ManageQueue}. */
public enum QueueAction {
    /** Stops delivery; the queue still takes messages and keeps them, also across a restart. */
    PAUSE,
    /** Delivers again what a paused queue holds. */
    RESUME,
    /** Removes the waiting messages a selector picks, or all of them without one. */
    REMOVE,
    /** Moves the waiting messages a selector picks, or all of them without one, to another queue. */
    MOVE
}
