package dev.tern.jms.provider;

import dev.tern.protocol.Event;
import java.util.function.Consumer;

/**
 * Hands a broker event to whoever waits for it: deliveries, revocations and recoveries to the connection above,
 * answers to the requests they complete. Every provider routes its events through here.
 */
final class EventRouter {

    private EventRouter() {
    }

    /**
     * Routes one event.
     *
     * @param closedByBroker runs when the broker says it closed the connection, with the reason
     */
    static void route(Event event, RequestTracker requests, ProviderListener listener,
            Consumer<ProviderException> closedByBroker) {
        if (event instanceof Event.Deliver delivery) {
            listener.onDelivery(delivery);
        } else if (event instanceof Event.SessionRecovered recovered) {
            listener.onSessionRecovered(recovered.sessionId());
            requests.complete(recovered);
        } else if (event instanceof Event.DeliveryRevoked revoked) {
            listener.onDeliveryRevoked(revoked.consumerId(), revoked.deliveryId());
        } else if (event instanceof Event.ConnectionClosed closed) {
            closedByBroker.accept(new LinkLostException(closed.code(), closed.message()));
        } else {
            requests.complete(event);
        }
    }
}
