package dev.tern.ra;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message handed to a message endpoint on a thread of the server's WorkManager. With transacted
 * delivery the endpoint gets the session's XAResource and the message is delivered between
 * {@code beforeDelivery} and {@code afterDelivery}, so the container's transaction acknowledges it (or,
 * rolled back, makes the broker deliver it again). {@link #outcome()} completes when the endpoint is done.
 */
final class DeliveryWork implements Work {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWork.class);
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How a delivery ended. */
    enum Outcome {
        /** onMessage returned; acknowledge the message (unless the transaction did). */
        DELIVERED,
        /** The endpoint failed or could not be had; the message must be delivered again. */
        FAILED,
        /** The transaction that the endpoint ran decided the message: nothing left to do. */
        DECIDED_BY_TRANSACTION
    }

    private final MessageEndpointFactory endpointFactory;
    private final DeliveryXAResource xaResource;
    private final Message message;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    /**
     * @param xaResource the session's resource for transacted delivery; null for delivery without a transaction
     */
    DeliveryWork(MessageEndpointFactory endpointFactory, DeliveryXAResource xaResource, Message message) {
        this.endpointFactory = endpointFactory;
        this.xaResource = xaResource;
        this.message = message;
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void run() {
        MessageEndpoint endpoint = null;
        try {
            endpoint = endpointFactory.createEndpoint(xaResource);
            outcome.complete(xaResource == null ? deliver(endpoint) : deliverInTransaction(endpoint));
        } catch (ResourceException | RuntimeException e) {
            LOG.warn("Could not deliver message {} to endpoint {}; it will be delivered again: {}", messageId(),
                    endpointFactory, e.toString());
            outcome.complete(Outcome.FAILED);
        } finally {
            if (endpoint != null) {
                endpoint.release();
            }
            outcome.complete(Outcome.FAILED); // an Error: never leave the session waiting
        }
    }

    private Outcome deliver(MessageEndpoint endpoint) {
        try {
            ((MessageListener) endpoint).onMessage(message);
            return Outcome.DELIVERED;
        } catch (RuntimeException e) {
            LOG.warn("Message endpoint {} threw on message {}; it will be delivered again", endpointFactory, messageId(), e);
            return Outcome.FAILED;
        }
    }

    private Outcome deliverInTransaction(MessageEndpoint endpoint) throws ResourceException {
        try {
            endpoint.beforeDelivery(ON_MESSAGE); // a failure here: no transaction runs, the message goes back
        } catch (NoSuchMethodException e) {
            throw new ResourceException("The endpoint has no onMessage(Message)", e);
        }
        try {
            ((MessageListener) endpoint).onMessage(message);
        } catch (RuntimeException e) {
            // Whatever the container then does with its transaction, the message is not acknowledged.
            xaResource.markRollbackOnly();
            LOG.warn("Message endpoint {} threw on message {}; its delivery rolls back and it will be delivered again",
                    endpointFactory, messageId(), e);
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException e) {
                LOG.warn("afterDelivery failed for message {}: {}", messageId(), e.toString());
            }
        }
        return Outcome.DECIDED_BY_TRANSACTION;
    }

    /** Asked by the WorkManager to end early; an endpoint's onMessage cannot be cut short, so nothing to do. */
    @Override
    public void release() {
    }

    private String messageId() {
        try {
            return message.getJMSMessageID();
        } catch (Exception e) {
            return "?";
        }
    }
}
