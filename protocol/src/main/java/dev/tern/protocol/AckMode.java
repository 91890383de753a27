package dev.tern.protocol;

/** How a session acknowledges what it consumes. */
public enum AckMode {
    /** Each message is acknowledged as the application receives it. */
    AUTO,
    /** The application acknowledges everything the session has consumed so far. */
    CLIENT,
    /** Like AUTO, but acknowledgments may be sent lazily. */
    DUPS_OK,
    /** Sends and receives become final when the session commits. */
    TRANSACTED
}
