package dev.tern.protocol.wire;

/** The frame that only says the sender is alive; never passed above the heartbeat handler. */
public enum Heartbeat {
    INSTANCE
}
