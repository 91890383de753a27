package dev.tern.jms;

/** Names of message properties with a meaning to the Tern broker. */
public final class TernProperties {

    /**
     * A duplicate ID: the broker accepts a second message with the same ID sent to the same destination
     * within the destination's duplicate ID window, but does not enqueue it again. The value is compared
     * as text. The broker also honours Artemis's {@code _AMQ_DUPL_ID}. See docs/delivery-guarantees.md.
     */
    public static final String DUPLICATE_ID = "TernDuplicateId";

    /** Artemis's duplicate ID, which the broker reads when {@link #DUPLICATE_ID} is not set. */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";

    private TernProperties() {
    }
}
