package dev.tern.broker.core;

import dev.tern.broker.policy.AddressPolicies;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every queue of a broker shares.
 *
 * @param dispatcher the pool dispatch runs on
 * @param timer the broker's clock and timers, for delivery delay and expiry
 * @param expired where expired messages go once taken off a queue
 * @param dropped where messages go that a full queue discards to make room
 * @param policies the broker's destination policies as they are now
 * @param pages where paged messages are read back from
 */
public record QueueServices(Executor dispatcher, BrokerTimer timer, Consumer<List<MessageRef>> expired,
        Consumer<List<MessageRef>> dropped, Supplier<AddressPolicies> policies, PageSource pages) {
}
