package dev.tern.interop;

/** A queue or a topic by name, which each client turns into its protocol's address. */
record Dest(boolean topic, String name) {

    static Dest queue(String name) {
        return new Dest(false, name);
    }

    static Dest topic(String name) {
        return new Dest(true, name);
    }

    /** The AMQP address, with the prefix Tern and ActiveMQ read the node type from. */
    String amqpAddress() {
        return (topic ? "topic://" : "queue://") + name;
    }

    /** The STOMP destination header, as ActiveMQ and Artemis spell it. */
    String stompDestination() {
        return (topic ? "/topic/" : "/queue/") + name;
    }

    @Override
    public String toString() {
        return (topic ? "topic://" : "queue://") + name;
    }
}
