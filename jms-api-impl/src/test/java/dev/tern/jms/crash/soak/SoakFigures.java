package dev.tern.jms.crash.soak;

/**
 * The soak's counts for one cycle (one life of the broker) or for all, as {@link SoakAudit} found them. A
 * figure belongs to the cycle in which its send was attempted (sent, stored, in doubt, lost) or its message
 * received (received, deliveries and the rest).
 */
final class SoakFigures {

    private static final String ROW = "%-7s %8s %8s %6s %8s %9s %11s %5s %9s %11s %6s %10s";

    /** Send attempts. */
    long sent;
    /** Sends that returned: the broker acknowledged them, so they must be received. */
    long stored;
    /** Sends that threw as the broker died: each may or may not have been stored. */
    long inDoubt;
    /** Messages received, each once, in the cycle of its first receipt. */
    long received;
    /** Receipts: every time a consumer was handed a message. */
    long deliveries;
    /** Receipts of a message received before and not yet settled (after a rollback, recover or crash). */
    long redeliveries;
    /** Of those, how many had JMSRedelivered set. */
    long redeliveriesFlagged;
    /** Stored messages never received by the end. */
    long lost;
    /** Receipts of a message after its transaction committed or its acknowledge() returned. */
    long duplicatedAfterCommit;
    /** Receipts of a message that an AUTO_ACKNOWLEDGE receive had already returned. */
    long autoRedeliveries;
    /** Of those, how many had JMSRedelivered set. */
    long autoRedeliveriesFlagged;
    /** Receipts that came while a lower number of the same producer and destination was due first. */
    long outOfOrder;
    /** Receipts of a message never sent, or sent elsewhere. */
    long unexpected;

    void add(SoakFigures other) {
        sent += other.sent;
        stored += other.stored;
        inDoubt += other.inDoubt;
        received += other.received;
        deliveries += other.deliveries;
        redeliveries += other.redeliveries;
        redeliveriesFlagged += other.redeliveriesFlagged;
        lost += other.lost;
        duplicatedAfterCommit += other.duplicatedAfterCommit;
        autoRedeliveries += other.autoRedeliveries;
        autoRedeliveriesFlagged += other.autoRedeliveriesFlagged;
        outOfOrder += other.outOfOrder;
        unexpected += other.unexpected;
    }

    /** True if nothing was lost, duplicated after its settlement, out of order or unexpected. */
    boolean clean() {
        return lost == 0 && duplicatedAfterCommit == 0 && outOfOrder == 0 && unexpected == 0;
    }

    /** The figures in a sentence. */
    String summary() {
        return String.format("%d sent, %d stored, %d in doubt; %d received in %d deliveries; lost %d; duplicated after "
                        + "commit or acknowledge %d; AUTO redeliveries %d (%d with JMSRedelivered); other redeliveries %d "
                        + "(%d with JMSRedelivered); out of order %d; unexpected %d", sent, stored, inDoubt, received,
                deliveries, lost, duplicatedAfterCommit, autoRedeliveries, autoRedeliveriesFlagged, redeliveries,
                redeliveriesFlagged, outOfOrder, unexpected);
    }

    static String header() {
        return String.format(ROW, "cycle", "sent", "stored", "doubt", "received", "delivered", "redelivered",
                "lost", "dup-after", "AUTO-redel", "order", "unexpected");
    }

    /** One line of the table; redeliveries show as {@code all/with JMSRedelivered}. */
    String row(String label) {
        return String.format(ROW, label, sent, stored, inDoubt, received, deliveries,
                redeliveries + "/" + redeliveriesFlagged, lost, duplicatedAfterCommit,
                autoRedeliveries + "/" + autoRedeliveriesFlagged, outOfOrder, unexpected);
    }
}
