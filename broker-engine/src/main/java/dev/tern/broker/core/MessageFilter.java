package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.MessageRecord;

/** Decides whether a consumer, subscription or browser wants a message; built from a JMS selector. */
@FunctionalInterface
public interface MessageFilter {

    /** The filter of a consumer without a selector. */
    MessageFilter ACCEPT_ALL = message -> true;

    boolean matches(MessageRecord message);

    /**
     * The filter for a selector; null or blank means every message.
     *
     * @throws BrokerException INVALID_SELECTOR, saying where the selector is wrong
     */
    static MessageFilter of(String selector) {
        if (selector == null || selector.isBlank()) {
            return ACCEPT_ALL;
        }
        throw new BrokerException(ErrorCode.INVALID_SELECTOR,
                "Message selectors are not supported by this version of Tern: '" + selector + "'.");
    }
}
