package dev.tern.jms;

import dev.tern.jms.message.TernMessage;
import dev.tern.jms.message.TernMessages;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.Event;
import dev.tern.protocol.TernProperties;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives messages from a queue or topic subscription, by {@code receive} or through a
 * {@link MessageListener}. The broker pushes up to the prefetch window ahead; the consumer gives credit
 * back as the application takes messages.
 *
 * <p>With a prefetch of 0 the consumer pulls: each {@code receive} asks the broker for one message
 * ({@link Command.Pull}) and takes the credit back if none came in time, so no message waits in an idle
 * consumer while another could take it. A listener on such a consumer is sent one message at a time.
 *
 * <p>A consumer that reaches a {@linkplain TernProperties#STOP stop signal} stops: it hands the signal back
 * to the broker unconsumed, with every message buffered behind it, so the next consumer stops too;
 * {@code receive} then returns null, the listener is called no more, and {@link #isStopped()} is true. A
 * consumer whose selector names {@code _TERN_STOP} receives stop signals as ordinary messages, to remove them.
 *
 * <p>A buffered message whose visibility timeout ran out on the broker, which then gave it to another
 * consumer, is dropped when the application comes to it, and its credit is given back as if it had been taken.
 */
public final class TernMessageConsumer implements QueueReceiver, TopicSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(TernMessageConsumer.class);

    private final TernSession session;
    private final long id;
    private final Destination destination;
    private final ConsumerSpec spec;
    private final int window;
    private final boolean pulls;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Event.Deliver> buffer = new ArrayDeque<>();
    /** IDs of buffered deliveries the broker took back (visibility timeout), to drop; under lock. */
    private final Set<Long> revoked = new HashSet<>();
    private volatile MessageListener listener;
    private volatile boolean closed;
    private volatile boolean stopped;
    private int consumedSinceCredit;
    /** Messages taken from the buffer and not yet recorded as consumed by the session; under lock. */
    private int handovers;
    /** A pulling consumer's listener has asked for its next message and not received it yet; under lock. */
    private boolean listenerPullPending;

    TernMessageConsumer(TernSession session, long id, Destination destination, ConsumerSpec spec, int window) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.spec = spec;
        this.window = window;
        this.pulls = window == 0;
    }

    long id() {
        return id;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return spec.selector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) throws JMSException {
        checkOpen();
        this.listener = newListener;
        pullForListener();
        if (newListener != null) {
            session.scheduleListeners();
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receive(0);
    }

    /**
     * True once the consumer reached a {@linkplain TernProperties#STOP stop signal} and stopped, for
     * applications that consume with a listener. A Tern extension to the JMS API.
     */
    public boolean isStopped() {
        return stopped;
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        if (stopped) {
            return null;
        }
        checkOpen();
        checkNoListener();
        Event.Deliver delivery = next(timeout <= 0 ? Long.MAX_VALUE : timeout);
        return delivery == null ? null : handOver(delivery);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        if (stopped) {
            return null;
        }
        checkOpen();
        checkNoListener();
        Event.Deliver delivery = next(-1);
        return delivery == null ? null : handOver(delivery);
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

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return spec.noLocal();
    }

    /**
     * Closes the consumer: waits for a running listener of the session to return (unless called from
     * it), and the broker takes back every message the application did not consume.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.awaitListenerIdle();
        markClosed();
        if (!session.isClosed()) {
            session.consumerClosed(this);
        }
    }

    // ---- called by the session and connection ----

    void onDelivery(Event.Deliver delivery) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            buffer.addLast(delivery);
            listenerPullPending = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (listener != null) {
            session.scheduleListeners();
        }
    }

    void discardBuffered() {
        lock.lock();
        try {
            buffer.clear();
            revoked.clear();
            consumedSinceCredit = 0;
            // The broker reset this consumer's credit to its window, so a pull for a listener is void.
            listenerPullPending = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the buffered messages, which the broker took back when the connection stopped, giving this
     * consumer a credit for each. Credit already used by the application is still owed, so the count
     * since the last grant stands; a pulling consumer's released message leaves its pull outstanding.
     * Revoked deliveries, which the broker took back earlier without a credit, count as taken.
     */
    void releaseBuffered() {
        int revokedDropped;
        lock.lock();
        try {
            if (pulls && !buffer.isEmpty()) {
                listenerPullPending = listener != null;
            }
            buffer.clear();
            revokedDropped = revoked.size();
            revoked.clear();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < revokedDropped; i++) {
            grantCreditIfDue();
        }
    }

    /**
     * The broker took a delivery back after its visibility timeout and gives it to another consumer. A
     * copy still buffered is dropped when the application comes to it; one the application already has
     * stays with it, and acknowledging it does nothing.
     */
    void deliveryRevoked(long deliveryId) {
        lock.lock();
        try {
            for (Event.Deliver buffered : buffer) {
                if (buffered.deliveryId() == deliveryId) {
                    revoked.add(deliveryId);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no message is between this consumer's buffer and the session's record of what the
     * application consumed, so that a stopping connection knows exactly what the application holds.
     */
    void awaitHandovers() throws JMSException {
        lock.lock();
        try {
            while (handovers > 0) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("Interrupted while waiting for a message to be handed to the application.");
        } finally {
            lock.unlock();
        }
    }

    void deliveryResumed() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void closedWithSession() {
        markClosed();
    }

    boolean hasListenerWork() {
        if (listener == null || closed) {
            return false;
        }
        lock.lock();
        try {
            return !buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Hands the next buffered message to the listener; acknowledges per the session mode. */
    void deliverToListener() {
        MessageListener current = listener;
        Event.Deliver delivery = current == null ? null : take(-1);
        if (delivery == null) {
            pullForListener(); // a revoked message may have been all there was
            return;
        }
        try {
            TernMessage message;
            try {
                message = toMessage(delivery);
                session.consumed(this, delivery.deliveryId(), false);
            } finally {
                handoverDone();
            }
            grantCreditIfDue();
            try {
                current.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("MessageListener threw on message {}; it will be redelivered in AUTO and DUPS_OK modes",
                        message.getJMSMessageID(), e);
                session.listenerFailed(delivery.deliveryId());
                return;
            }
            session.listenerReturned(delivery.deliveryId());
        } catch (JMSException e) {
            LOG.warn("Could not complete delivery {} to a MessageListener: {}", delivery.deliveryId(), e.getMessage());
        } finally {
            pullForListener();
        }
    }

    /**
     * For a pulling consumer with a listener and nothing buffered: asks the broker for one message, once.
     * Called when the listener is set, after it returns and after a recover.
     */
    void pullForListener() {
        if (!pulls || listener == null || closed) {
            return;
        }
        lock.lock();
        try {
            if (listenerPullPending || !buffer.isEmpty()) {
                return;
            }
            listenerPullPending = true;
        } finally {
            lock.unlock();
        }
        grantCredit(1);
    }

    /**
     * Receives a message's body, for {@code JMSConsumer.receiveBody}. A message whose body is not of the
     * asked type is not consumed: it goes back for redelivery in AUTO and DUPS_OK modes, and a
     * MessageFormatException says why.
     *
     * @param timeout milliseconds to wait, 0 for ever, negative for not at all
     */
    <T> T receiveBody(Class<T> type, long timeout) throws JMSException {
        if (stopped) {
            return null;
        }
        checkOpen();
        checkNoListener();
        Event.Deliver delivery = next(timeout == 0 ? Long.MAX_VALUE : timeout);
        if (delivery == null) {
            return null;
        }
        try {
            return bodyOf(delivery, type);
        } finally {
            handoverDone();
        }
    }

    /** The body of a delivery taken for receiveBody; a body of another type goes back or stays consumed. */
    private <T> T bodyOf(Event.Deliver delivery, Class<T> type) throws JMSException {
        TernMessage message = toMessage(delivery);
        T body;
        try {
            if (message.bodyType() == BodyType.NONE) {
                throw new jakarta.jms.MessageFormatException("The message has no body; receiveBody needs a "
                        + "TextMessage, BytesMessage, MapMessage or ObjectMessage.");
            }
            body = message.getBody(type);
        } catch (jakarta.jms.MessageFormatException e) {
            if (session.ackMode() == AckMode.AUTO || session.ackMode() == AckMode.DUPS_OK) {
                putBack(delivery);
            } else {
                session.consumed(this, delivery.deliveryId(), false);
                grantCreditIfDue();
            }
            throw e;
        }
        session.consumed(this, delivery.deliveryId(), true);
        grantCreditIfDue();
        return body;
    }

    private Message handOver(Event.Deliver delivery) throws JMSException {
        try {
            TernMessage message = toMessage(delivery);
            session.consumed(this, delivery.deliveryId(), true);
            grantCreditIfDue();
            return message;
        } finally {
            handoverDone();
        }
    }

    private TernMessage toMessage(Event.Deliver delivery) throws JMSException {
        TernMessage message = TernMessages.fromRecord(delivery.message(), delivery.deliveryCount(),
                session.connection().options().trustedPackages());
        if (session.ackMode() == AckMode.CLIENT) {
            message.setAcknowledger(session::acknowledgeConsumed);
        }
        return message;
    }

    /**
     * The next message for {@code receive}: taken from the buffer, after asking the broker for one if
     * this consumer pulls. A pull that brought nothing in time gives its credit back.
     *
     * @param timeoutMillis how long to wait; negative for not at all
     */
    private Event.Deliver next(long timeoutMillis) throws JMSException {
        if (!pulls) {
            return take(timeoutMillis);
        }
        Event.Deliver buffered = take(-1);
        if (buffered != null || stopped) {
            return buffered;
        }
        // The broker pushes a waiting message before it answers, so a receiveNoWait sees it too.
        try {
            session.connection().call(requestId -> new Command.Pull(requestId, session.id(), id), "Pulling a message");
        } catch (JMSException e) {
            if (closed) {
                return null; // closed by another thread meanwhile: a blocked receive then returns null
            }
            throw e;
        }
        Event.Deliver delivery = take(timeoutMillis);
        if (delivery == null && !closed) {
            grantCredit(-1);
        }
        return delivery;
    }

    /**
     * Takes the next message once the connection is started; null, and the consumer stops, if it is a
     * stop signal. A message returned is being handed over: the caller ends that with
     * {@link #handoverDone()} once the session has recorded it as consumed or it went back.
     *
     * @param timeoutMillis how long to wait; negative for not at all
     */
    private Event.Deliver take(long timeoutMillis) {
        Event.Deliver delivery = takeBuffered(timeoutMillis);
        while (delivery != null && dropIfRevoked(delivery)) {
            delivery = takeBuffered(timeoutMillis);
        }
        if (delivery != null && TernProperties.isStopSignal(delivery.message()) && !selectsStopSignals()) {
            handoverDone();
            stopAtSignal();
            return null;
        }
        return delivery;
    }

    /**
     * True if the broker took this delivery back: it is not handed over, and its buffer slot is given back
     * as credit. The caller then takes the next with the same timeout: a revoked delivery was waiting in
     * the buffer, so it came at once.
     */
    private boolean dropIfRevoked(Event.Deliver delivery) {
        lock.lock();
        try {
            if (!revoked.remove(delivery.deliveryId())) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        handoverDone();
        grantCreditIfDue();
        return true;
    }

    private boolean selectsStopSignals() {
        return spec.selector() != null && spec.selector().contains(TernProperties.STOP);
    }

    /**
     * Closes the consumer on the broker's side without consuming the stop signal, so that it and the
     * messages buffered behind it return to the queue as never delivered.
     */
    private void stopAtSignal() {
        LOG.info("Consumer {} reached a stop signal on {} and stops", id, destination);
        stopped = true;
        markClosed();
        if (!session.isClosed()) {
            try {
                session.consumerClosed(this);
            } catch (JMSException e) {
                LOG.warn("Consumer {} stopped, but the broker was not told: {}", id, e.getMessage());
            }
        }
    }

    private Event.Deliver takeBuffered(long timeoutMillis) {
        boolean forever = timeoutMillis == Long.MAX_VALUE;
        long deadline = timeoutMillis < 0 || forever ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!closed) {
                if (session.connection().isStarted() && !buffer.isEmpty()) {
                    handovers++;
                    return buffer.pollFirst();
                }
                if (forever) {
                    changed.await();
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (timeoutMillis < 0 || remaining <= 0) {
                    return null;
                }
                changed.awaitNanos(remaining);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void handoverDone() {
        lock.lock();
        try {
            handovers--;
            if (handovers == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns an untouched delivery to the front of the buffer, as if it had never been taken. */
    private void putBack(Event.Deliver delivery) {
        lock.lock();
        try {
            if (!closed) {
                buffer.addFirst(delivery);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void grantCreditIfDue() {
        if (pulls) {
            return;
        }
        int credit;
        lock.lock();
        try {
            consumedSinceCredit++;
            if (consumedSinceCredit < Math.max(1, window / 2)) {
                return;
            }
            credit = consumedSinceCredit;
            consumedSinceCredit = 0;
        } finally {
            lock.unlock();
        }
        grantCredit(credit);
    }

    /** Gives the broker more credit for this consumer, or takes unused credit back if negative. */
    private void grantCredit(int credit) {
        session.connection().post(requestId -> new Command.GrantCredit(requestId, session.id(), id, credit));
    }

    private void markClosed() {
        lock.lock();
        try {
            closed = true;
            buffer.clear();
            revoked.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkNoListener() throws IllegalStateException {
        if (listener != null) {
            throw new IllegalStateException("This consumer has a MessageListener; receive() cannot be used with it.");
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("The consumer is closed.");
        }
    }
}
