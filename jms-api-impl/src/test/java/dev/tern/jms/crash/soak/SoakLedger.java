package dev.tern.jms.crash.soak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the soak's clients did, in the order they did it, tagged with the broker's life (the cycle) it
 * happened in: each send attempt and its outcome, and per destination each receipt and each settlement or
 * abandonment of what the consumer held. {@link SoakAudit} turns it into figures once the clients stopped.
 */
final class SoakLedger {

    /** What became of a send. */
    enum Outcome {
        /** {@code send} has not returned yet. */
        PENDING,
        /** {@code send} returned: the broker stored the message. */
        STORED,
        /** {@code send} threw: the message may or may not be stored. */
        IN_DOUBT
    }

    /** A send attempt. */
    record Send(SoakDestination destination, int cycle, Outcome outcome) {
    }

    enum EventKind {
        /** The consumer was handed a message and holds it until it settles or abandons. */
        RECEIVED,
        /** What the consumer held is done with: committed, acknowledged, or, in AUTO mode, handed over. */
        SETTLED,
        /** What the consumer held goes back: rolled back, recovered, or its session closed or lost. */
        ABANDONED
    }

    /**
     * One step of a consumer.
     *
     * @param id the message received; null unless RECEIVED
     * @param redelivered its JMSRedelivered flag; false unless RECEIVED
     * @param settlement how it settled; null unless SETTLED
     */
    record Event(EventKind kind, int cycle, SoakId id, boolean redelivered, Settlement settlement) {
    }

    private final Map<SoakId, Send> sends = new HashMap<>();
    private final Map<SoakDestination, List<Event>> events = new EnumMap<>(SoakDestination.class);
    private final Map<SoakDestination, Integer> settledThisCycle = new EnumMap<>(SoakDestination.class);
    private int cycle;
    private int storedThisCycle;

    SoakLedger() {
        for (SoakDestination destination : SoakDestination.values()) {
            events.put(destination, new ArrayList<>());
        }
    }

    /** Starts counting a new life of the broker. */
    synchronized void beginCycle(int newCycle) {
        cycle = newCycle;
        storedThisCycle = 0;
        settledThisCycle.clear();
    }

    synchronized void sending(SoakId id, SoakDestination destination) {
        sends.put(id, new Send(destination, cycle, Outcome.PENDING));
    }

    synchronized void sent(SoakId id) {
        sends.computeIfPresent(id, (key, send) -> new Send(send.destination(), send.cycle(), Outcome.STORED));
        storedThisCycle++;
    }

    synchronized void sendFailed(SoakId id) {
        sends.computeIfPresent(id, (key, send) -> new Send(send.destination(), send.cycle(), Outcome.IN_DOUBT));
    }

    synchronized void received(SoakDestination destination, SoakId id, boolean redelivered) {
        events.get(destination).add(new Event(EventKind.RECEIVED, cycle, id, redelivered, null));
    }

    synchronized void settled(SoakDestination destination, Settlement settlement) {
        events.get(destination).add(new Event(EventKind.SETTLED, cycle, null, false, settlement));
        settledThisCycle.merge(destination, 1, Integer::sum);
    }

    synchronized void abandoned(SoakDestination destination) {
        List<Event> log = events.get(destination);
        if (!log.isEmpty() && log.get(log.size() - 1).kind() == EventKind.RECEIVED) { // else it holds nothing
            log.add(new Event(EventKind.ABANDONED, cycle, null, false, null));
        }
    }

    /** Sends that returned in the current cycle. */
    synchronized int storedThisCycle() {
        return storedThisCycle;
    }

    /** True once the consumer of every destination settled something in the current cycle. */
    synchronized boolean everyConsumerSettledThisCycle() {
        return settledThisCycle.size() == SoakDestination.values().length;
    }

    synchronized Map<SoakId, Send> sends() {
        return Map.copyOf(sends);
    }

    synchronized List<Event> events(SoakDestination destination) {
        return List.copyOf(events.get(destination));
    }
}
