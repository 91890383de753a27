package dev.tern.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order brokers take turns in within a repeat: as given in odd repeats (Tern, Artemis, Classic), reversed
 * in even ones, so that no broker always runs first, on a cooler machine, or right after the same neighbour.
 */
final class BrokerOrder {

    private BrokerOrder() {
    }

    /** The brokers in the order repeat {@code repeat} (from 1) runs them. */
    static List<BrokerKind> forRepeat(List<BrokerKind> brokers, int repeat) {
        if (repeat % 2 == 1) {
            return List.copyOf(brokers);
        }
        List<BrokerKind> reversed = new ArrayList<>(brokers);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }
}
