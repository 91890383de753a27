package dev.tern.spring;

/** How a Spring test reaches its Tern broker. */
enum Transport {
    /** {@code vm://}: the embedded broker in this JVM, no socket. */
    VM,
    /** {@code tcp://}: an embedded broker listening on an ephemeral port of 127.0.0.1. */
    TCP
}
