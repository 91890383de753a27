package dev.tern.protocol;

/** A frame from broker to client: an answer to a {@link Command}, or a pushed delivery or close. */
public sealed interface Event {

    /** An event that answers the command with the same request ID. */
    sealed interface Answer extends Event {
        long requestId();
    }

    /** The command with this request ID succeeded. */
    record Ok(long requestId) implements Answer {
    }

    /** The command with this request ID failed; nothing it asked for took effect. */
    record Failed(long requestId, ErrorCode code, String message) implements Answer {
    }

    /**
     * Answers {@link Command.Recover}: every delivery this session held before has returned to its
     * queue, so the client drops what it has buffered for the session's consumers.
     */
    record SessionRecovered(long requestId, long sessionId) implements Answer {
    }

    /** Answers {@link Command.Browse}: the waiting messages in delivery order, none of them consumed. */
    record Browsed(long requestId, java.util.List<Deliver> messages) implements Answer {

        public Browsed {
            messages = java.util.List.copyOf(messages);
        }
    }

    /** Answers {@link Command.QueryStatistics}: every queue's counters, ordered by queue name. */
    record Statistics(long requestId, java.util.List<QueueStatistics> queues) implements Answer {

        public Statistics {
            queues = java.util.List.copyOf(queues);
        }
    }

    /**
     * Answers {@link Command.RetryDeadLetters} and {@link Command.ManageQueue}: how many messages went back to
     * their origin, were removed or were moved.
     */
    record Counted(long requestId, int count) implements Answer {
    }

    /** Answers {@link Command.ListConnections}: the client connections open now, by ID. */
    record Connections(long requestId, java.util.List<ConnectionInfo> connections) implements Answer {
    }

    /**
     * Answers {@link Command.ListPolicies}: the configured settings, most general pattern first, then every
     * setting's default.
     */
    record Policies(long requestId, java.util.List<PolicyEntry> entries) implements Answer {

        public Policies {
            entries = java.util.List.copyOf(entries);
        }
    }

    /**
     * The answer to an XA command: {@code code} is {@code XAResource.XA_OK} or {@code XA_RDONLY} when it
     * succeeded, otherwise the {@code XAException} error code the transaction manager is to see, with a
     * message.
     */
    record XaAnswer(long requestId, int code, String message) implements Answer {
    }

    /** The answer to {@link Command.XaRecover}: the prepared branches, and those decided heuristically. */
    record XaBranches(long requestId, java.util.List<BranchId> branches) implements Answer {
    }

    /**
     * A message for a consumer, or, inside {@link Browsed}, a message shown to a browser (consumer and
     * delivery IDs 0).
     *
     * @param deliveryCount 1 on first delivery, incremented each time it is delivered again
     */
    record Deliver(long consumerId, long deliveryId, int deliveryCount, MessageRecord message) implements Event {
    }

    /**
     * The broker took a delivery back because its queue's visibility timeout ran out; it goes to another
     * consumer. The client drops its copy if it has not handed it to the application yet.
     */
    record DeliveryRevoked(long consumerId, long deliveryId) implements Event {
    }

    /** The broker closed the connection, for example because it is shutting down. */
    record ConnectionClosed(ErrorCode code, String message) implements Event {
    }
}
