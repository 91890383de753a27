package dev.tern.amqp;

import dev.tern.protocol.DestinationType;
import java.util.Map;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedLong;

/** Reads what Qpid JMS and other clients put in sources and targets: kind capabilities and filters. */
final class Terminus {

    static final Symbol QUEUE = Symbol.valueOf("queue");
    static final Symbol TOPIC = Symbol.valueOf("topic");
    static final Symbol TEMPORARY_QUEUE = Symbol.valueOf("temporary-queue");
    static final Symbol TEMPORARY_TOPIC = Symbol.valueOf("temporary-topic");
    static final Symbol SHARED = Symbol.valueOf("shared");
    static final Symbol GLOBAL = Symbol.valueOf("global");
    static final Symbol SELECTOR_FILTER = Symbol.valueOf("apache.org:selector-filter:string");
    static final UnsignedLong SELECTOR_FILTER_CODE = UnsignedLong.valueOf(0x0000468C00000004L);
    static final Symbol NO_LOCAL_FILTER = Symbol.valueOf("apache.org:no-local-filter:list");
    static final UnsignedLong NO_LOCAL_FILTER_CODE = UnsignedLong.valueOf(0x0000468C00000003L);

    private Terminus() {
    }

    /** The destination kind the capabilities name, or null when they name none (then a queue). */
    static DestinationType typeHint(Symbol[] capabilities) {
        if (capabilities == null) {
            return null;
        }
        for (Symbol capability : capabilities) {
            if (QUEUE.equals(capability)) {
                return DestinationType.QUEUE;
            } else if (TOPIC.equals(capability)) {
                return DestinationType.TOPIC;
            } else if (TEMPORARY_QUEUE.equals(capability)) {
                return DestinationType.TEMPORARY_QUEUE;
            } else if (TEMPORARY_TOPIC.equals(capability)) {
                return DestinationType.TEMPORARY_TOPIC;
            }
        }
        return null;
    }

    /** The JMS selector of a source's filter set, or null. */
    static String selector(Map<?, ?> filters) {
        Object value = filter(filters, SELECTOR_FILTER, SELECTOR_FILTER_CODE);
        if (value == null) {
            return null;
        }
        String selector = value.toString().trim();
        return selector.isEmpty() ? null : selector;
    }

    /** Whether a source's filter set asks for no local messages. */
    static boolean noLocal(Map<?, ?> filters) {
        return filter(filters, NO_LOCAL_FILTER, NO_LOCAL_FILTER_CODE) != null
                || hasDescribed(filters, NO_LOCAL_FILTER, NO_LOCAL_FILTER_CODE);
    }

    private static boolean hasDescribed(Map<?, ?> filters, Symbol name, UnsignedLong code) {
        if (filters == null) {
            return false;
        }
        for (Object value : filters.values()) {
            if (value instanceof DescribedType described
                    && (name.equals(described.getDescriptor()) || code.equals(described.getDescriptor()))) {
                return true;
            }
        }
        return false;
    }

    private static Object filter(Map<?, ?> filters, Symbol name, UnsignedLong code) {
        if (filters == null) {
            return null;
        }
        for (Object value : filters.values()) {
            if (value instanceof DescribedType described
                    && (name.equals(described.getDescriptor()) || code.equals(described.getDescriptor()))) {
                return described.getDescribed();
            }
        }
        return null;
    }

    /** The subscription name in a link name: Qpid JMS appends {@code |global}, {@code |volatile1}, ... */
    static String subscriptionName(String linkName) {
        int bar = linkName.indexOf('|');
        return bar < 0 ? linkName : linkName.substring(0, bar);
    }
}
