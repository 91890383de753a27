package dev.tern.protocol;

/**
 * Why the broker refused a command. The client maps each code to exactly one JMS exception type,
 * so the code, not the message text, decides what the user catches.
 */
public enum ErrorCode {
    /** The operation is not allowed in the object's current state. */
    ILLEGAL_STATE,
    /** The destination does not exist or cannot be used this way. */
    INVALID_DESTINATION,
    /** The client ID is already in use by another connection. */
    INVALID_CLIENT_ID,
    /** The selector does not parse. */
    INVALID_SELECTOR,
    /** User name or password were refused. */
    SECURITY,
    /** The broker is out of a resource, such as memory or disk. */
    RESOURCE_ALLOCATION,
    /** A transaction was rolled back instead of committed. */
    TRANSACTION_ROLLED_BACK,
    /** An argument was not acceptable. */
    INVALID_ARGUMENT,
    /** The broker failed in a way the client cannot fix. */
    INTERNAL
}
