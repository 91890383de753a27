package dev.tern.broker.session;

import dev.tern.broker.core.MessageRef;

/** A message handed to a consumer and not yet acknowledged. */
record Delivery(long deliveryId, ServerConsumer consumer, MessageRef ref) {
}
