package dev.tern.ra;

import dev.tern.ra.DeliveryWork.Outcome;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The MessageListener of one activation session: hands each message to the endpoint as a
 * {@link DeliveryWork} on the server's WorkManager and waits for it, so the session delivers one message
 * at a time and acknowledges it only after the endpoint returned. A message whose delivery failed, or
 * that deactivation abandoned, is thrown back to the session, which recovers it: the broker delivers it
 * again, counting the attempt, and after its {@code maxDeliveryAttempts} moves it to the dead-letter queue.
 */
final class EndpointDelivery implements MessageListener {

    private final MessageEndpointFactory endpointFactory;
    private final WorkManager workManager;
    private final DeliveryXAResource transactedResource;
    private final Set<CompletableFuture<Outcome>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean abandoned;

    /**
     * @param transactedResource the session's XAResource when delivery is transacted; null otherwise
     */
    EndpointDelivery(MessageEndpointFactory endpointFactory, WorkManager workManager, DeliveryXAResource transactedResource) {
        this.endpointFactory = endpointFactory;
        this.workManager = workManager;
        this.transactedResource = transactedResource;
    }

    @Override
    public void onMessage(Message message) {
        if (abandoned) {
            throw new DeliveryNotMade("The activation is ending; the message goes back to the broker.");
        }
        DeliveryWork work = new DeliveryWork(endpointFactory, transactedResource, message);
        CompletableFuture<Outcome> outcome = work.outcome();
        running.add(outcome);
        try {
            workManager.scheduleWork(work, WorkManager.INDEFINITE, null, new WorkAdapter() {
                @Override
                public void workRejected(WorkEvent event) {
                    outcome.complete(Outcome.FAILED);
                }
            });
            if (abandoned) {
                outcome.complete(Outcome.FAILED);
            }
            if (outcome.get() == Outcome.FAILED) {
                throw new DeliveryNotMade("The message was not delivered to the endpoint; it goes back to the broker.");
            }
        } catch (WorkException e) {
            throw new DeliveryNotMade("The WorkManager refused the delivery: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryNotMade("Interrupted while the endpoint handled the message.");
        } catch (ExecutionException e) {
            throw new DeliveryNotMade("The delivery failed: " + e.getCause());
        } finally {
            running.remove(outcome);
        }
    }

    /**
     * Stops waiting for the endpoints still running: their sessions may close. What the endpoints do
     * afterwards cannot acknowledge the messages, which the broker delivers again.
     */
    void abandon() {
        abandoned = true;
        running.forEach(outcome -> outcome.complete(Outcome.FAILED));
    }

    /** Thrown back to the session so that it recovers the message. */
    static final class DeliveryNotMade extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliveryNotMade(String message) {
            super(message, null, false, false);
        }
    }
}
