package dev.tern.broker.core;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What every queue of a broker shares.
 *
 * @param dispatcher the pool dispatch runs on
 * @param timer the broker's clock and timers, for delivery delay and expiry
 * @param expired where expired messages go once taken off a queue
 */
public record QueueServices(Executor dispatcher, BrokerTimer timer, Consumer<List<MessageRef>> expired) {
}
