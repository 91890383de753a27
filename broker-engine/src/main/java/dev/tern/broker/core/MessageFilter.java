package dev.tern.broker.core;

import dev.tern.broker.BrokerException;
import dev.tern.broker.selector.Selector;
import dev.tern.broker.selector.SelectorSyntaxException;
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
     * @throws BrokerException INVALID_SELECTOR, saying at which column the selector is wrong
     */
    static MessageFilter of(String selector) {
        if (selector == null || selector.isBlank()) {
            return ACCEPT_ALL;
        }
        try {
            return Selector.parse(selector)::matches;
        } catch (SelectorSyntaxException e) {
            throw new BrokerException(ErrorCode.INVALID_SELECTOR, e.getMessage());
        }
    }
}
