package dev.tern.jms;

import dev.tern.jms.message.TernMessage;
import dev.tern.jms.message.TernMessages;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Looks at the messages waiting on a queue without consuming them. Each {@link #getEnumeration()}
 * takes a fresh snapshot, in delivery order; messages delivered to consumers and not yet acknowledged,
 * and messages whose delivery time has not come, are not shown.
 */
final class TernQueueBrowser implements QueueBrowser {

    private final TernSession session;
    private final Queue queue;
    private final DestinationName name;
    private final String selector;
    private volatile boolean closed;

    private TernQueueBrowser(TernSession session, Queue queue, DestinationName name, String selector) {
        this.session = session;
        this.queue = queue;
        this.name = name;
        this.selector = selector;
    }

    /** Opens a browser, checking the queue and selector with the broker. */
    static TernQueueBrowser open(TernSession session, Queue queue, String selector) throws JMSException {
        TernQueueBrowser browser = new TernQueueBrowser(session, queue, TernDestination.nameOf(queue), selector);
        browser.snapshot(0);
        return browser;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<?> getEnumeration() throws JMSException {
        checkOpen();
        return Collections.enumeration(snapshot(Integer.MAX_VALUE));
    }

    @Override
    public void close() {
        closed = true;
    }

    private List<TernMessage> snapshot(int limit) throws JMSException {
        Event.Browsed browsed = (Event.Browsed) session.connection().call(
                requestId -> new Command.Browse(requestId, name, selector, limit), "Browsing " + name);
        List<TernMessage> messages = new ArrayList<>(browsed.messages().size());
        for (Event.Deliver shown : browsed.messages()) {
            messages.add(TernMessages.fromRecord(shown.message(), shown.deliveryCount(),
                    session.connection().options().trustedPackages()));
        }
        return messages;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("The browser is closed.");
        }
        session.checkOpen();
    }
}
