package dev.tern.broker.jmx;

import dev.tern.broker.BrokerException;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs an MBean operation; a broker's refusal becomes an {@link IllegalArgumentException} carrying its message,
 * which a JMX console shows as it is (the broker's exception classes are not on a console's class path).
 */
final class Refusals {

    private Refusals() {
    }

    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (BrokerException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (CompletionException e) {
            throw new IllegalArgumentException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
