package dev.tern.jms.e2e;

/** How an end-to-end test reaches its broker. */
enum Transport {
    /** {@code vm://}: the embedded broker in this JVM, no socket. */
    VM,
    /** {@code tcp://}: the same embedded broker, also listening on an ephemeral port on 127.0.0.1. */
    TCP
}
