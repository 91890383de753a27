package dev.tern.jms;

import dev.tern.jms.message.TernMessage;
import dev.tern.jms.message.TernMessages;
import dev.tern.protocol.MessageRecord;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.util.UUID;

/**
 * Sends messages to a fixed destination, or to any destination when created without one. A send
 * returns once the broker has the message; for a persistent message, once it is on disk.
 */
public final class TernMessageProducer implements QueueSender, TopicPublisher {

    private final TernSession session;
    private final Destination destination;
    private final SendOptions defaults = new SendOptions();
    private volatile boolean closed;

    TernMessageProducer(TernSession session, Destination destination) {
        this.session = session;
        this.destination = destination;
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        defaults.disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return defaults.disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        defaults.disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return defaults.disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkOpen();
        defaults.deliveryMode = SendOptions.checkDeliveryMode(deliveryMode);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return defaults.deliveryMode;
    }

    @Override
    public void setPriority(int priority) throws JMSException {
        checkOpen();
        defaults.priority = SendOptions.checkPriority(priority);
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return defaults.priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkOpen();
        defaults.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return defaults.timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkOpen();
        defaults.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return defaults.deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic topic ? topic : null;
    }

    /** Closes the producer after its asynchronous sends have completed. */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.checkNotInCallback("close its own producer");
        session.awaitAsyncSends();
        closed = true;
        session.producerClosed(this);
    }

    void closedWithSession() {
        closed = true;
    }

    @Override
    public void send(Message message) throws JMSException {
        sendToOwnDestination(message, defaults.deliveryMode, defaults.priority, defaults.timeToLive, null);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        sendToOwnDestination(message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        sendToGivenDestination(target, message, defaults.deliveryMode, defaults.priority, defaults.timeToLive, null);
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        sendToGivenDestination(target, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        sendToOwnDestination(message, defaults.deliveryMode, defaults.priority, defaults.timeToLive,
                requireListener(completionListener));
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive,
            CompletionListener completionListener) throws JMSException {
        sendToOwnDestination(message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    @Override
    public void send(Destination target, Message message, CompletionListener completionListener) throws JMSException {
        sendToGivenDestination(target, message, defaults.deliveryMode, defaults.priority, defaults.timeToLive,
                requireListener(completionListener));
    }

    @Override
    public void send(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
            CompletionListener completionListener) throws JMSException {
        sendToGivenDestination(target, message, deliveryMode, priority, timeToLive, requireListener(completionListener));
    }

    private void sendToOwnDestination(Message message, int deliveryMode, int priority, long timeToLive,
            CompletionListener listener) throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("This producer was created without a destination; "
                    + "use send(destination, message).");
        }
        sendTo(destination, message, deliveryMode, priority, timeToLive, listener);
    }

    private void sendToGivenDestination(Destination target, Message message, int deliveryMode, int priority,
            long timeToLive, CompletionListener listener) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("This producer was created for " + destination
                    + "; use send(message) or a producer created without a destination.");
        }
        if (target == null) {
            throw new InvalidDestinationException("The destination is null; pass a Queue or Topic.");
        }
        sendTo(target, message, deliveryMode, priority, timeToLive, listener);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("The CompletionListener is null; use send without a listener instead.");
        }
        return listener;
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    private void sendTo(Destination target, Message message, int deliveryMode, int priority, long timeToLive,
            CompletionListener listener) throws JMSException {
        SendOptions options = defaults.copy();
        options.deliveryMode = SendOptions.checkDeliveryMode(deliveryMode);
        options.priority = SendOptions.checkPriority(priority);
        options.timeToLive = timeToLive;
        send(session, target, message, options, listener);
    }

    /**
     * Stamps the headers on the message and sends it: the one send path of producers and JMSProducer.
     *
     * @param listener null to wait for the broker; otherwise called when the send completes
     */
    static void send(TernSession session, Destination target, Message message, SendOptions options,
            CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new jakarta.jms.MessageFormatException("The message to send is null.");
        }
        TernDestination.nameOf(target);
        long now = session.connection().now();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(options.deliveryMode);
        message.setJMSPriority(options.priority);
        message.setJMSExpiration(options.timeToLive > 0 ? now + options.timeToLive : 0);
        message.setJMSTimestamp(options.disableTimestamp ? 0 : now);
        message.setJMSDeliveryTime(now + Math.max(0, options.deliveryDelay));
        message.setJMSMessageID(options.disableMessageId ? null : session.connection().nextMessageId());
        TernMessage tern = TernMessages.copyOf(message, session.connection().options().trustedPackages());
        MessageRecord record = tern.toRecord();
        if (session.connection().options().autoDuplicateId()
                && !record.properties().containsKey(TernProperties.DUPLICATE_ID)
                && !record.properties().containsKey(TernProperties.ARTEMIS_DUPLICATE_ID)) {
            record = record.withProperty(TernProperties.DUPLICATE_ID,
                    record.messageId() != null ? record.messageId() : "ID:" + UUID.randomUUID());
        }
        if (listener == null) {
            session.send(record);
        } else {
            session.sendAsync(record, message, listener);
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("The producer is closed.");
        }
        session.checkOpen();
    }
}
