package dev.tern.protocol;

/** Message selectors that tools write for their users. */
public final class Selectors {

    private Selectors() {
    }

    /** The selector that picks the message with this JMSMessageID, quoted as the selector grammar requires. */
    public static String ofMessageId(String messageId) {
        return "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }
}
