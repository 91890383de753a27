package dev.tern.jms.provider;

import dev.tern.protocol.Event;

/** What a provider tells the connection above it. Called on provider threads; must not block. */
public interface ProviderListener {

    /** A message for one of the connection's consumers. */
    void onDelivery(Event.Deliver delivery);

    /** A session's buffered deliveries are void; called before the recover request completes. */
    void onSessionRecovered(long sessionId);

    /** The broker took a delivery back (its visibility timeout ran out): a buffered copy is void. */
    void onDeliveryRevoked(long consumerId, long deliveryId);

    /** The broker closed the connection or the link failed. */
    void onConnectionLost(ProviderException cause);
}
