package dev.tern.interop;

/** The wire protocol a client speaks to the broker. */
enum Protocol {
    /** Tern's own length-prefixed protocol on {@code tcp://}. */
    TERN,
    AMQP,
    STOMP
}
