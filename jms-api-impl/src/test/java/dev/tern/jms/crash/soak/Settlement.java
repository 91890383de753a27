package dev.tern.jms.crash.soak;

import jakarta.jms.Session;

/** The moment a consumer is done with a message: after it, the message must never be received again. */
enum Settlement {
    /** AUTO_ACKNOWLEDGE: {@code receive} returned it. JMS allows a crash to redeliver the last one. */
    HANDED_OVER(Session.AUTO_ACKNOWLEDGE),
    /** CLIENT_ACKNOWLEDGE: {@code acknowledge()} returned. */
    ACKNOWLEDGED(Session.CLIENT_ACKNOWLEDGE),
    /** A transacted session: {@code commit()} returned. */
    COMMITTED(Session.SESSION_TRANSACTED);

    private final int sessionMode;

    Settlement(int sessionMode) {
        this.sessionMode = sessionMode;
    }

    int sessionMode() {
        return sessionMode;
    }
}
