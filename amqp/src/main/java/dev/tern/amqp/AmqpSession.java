package dev.tern.amqp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An AMQP session: the broker session its producers send through, and its attached links. Each link that
 * sends to the client has a broker session of its own (see {@link OutgoingLink}).
 */
final class AmqpSession {

    private final long brokerSessionId;
    private final Set<LinkHandler> links = new LinkedHashSet<>();

    AmqpSession(long brokerSessionId) {
        this.brokerSessionId = brokerSessionId;
    }

    long brokerSessionId() {
        return brokerSessionId;
    }

    void add(LinkHandler link) {
        links.add(link);
    }

    void remove(LinkHandler link) {
        links.remove(link);
    }

    /** A copy of the attached links. */
    List<LinkHandler> links() {
        return new ArrayList<>(links);
    }
}
