package dev.tern.jms.crash.soak;

import dev.tern.jms.crash.soak.SoakLedger.Event;
import dev.tern.jms.crash.soak.SoakLedger.Outcome;
import dev.tern.jms.crash.soak.SoakLedger.Send;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays a {@link SoakLedger} once the clients stopped and counts, per cycle:
 *
 * <ul>
 *   <li><b>lost</b>: a send that returned, whose message was never received;
 *   <li><b>duplicated after commit</b>: a receipt of a message after the transaction that received it committed
 *       or the acknowledge() that covered it returned;
 *   <li><b>AUTO redeliveries</b>: a receipt of a message that an AUTO_ACKNOWLEDGE receive had already returned,
 *       which JMS allows for the last message consumed when the broker fails; counted apart, with how many
 *       had JMSRedelivered set;
 *   <li><b>out of order</b>: a receipt of number {@code n} of a producer on a destination while a lower number
 *       {@code m} of that producer on that destination was due first: received after this moment, and at this
 *       moment neither settled nor held by the consumer (received in its current transaction or
 *       acknowledgment batch). A redelivery is checked the same way; a receipt after settlement is not, as it
 *       is counted above. A message whose send failed, or whose commit failed but took effect, and that is
 *       never received again, is never due.
 * </ul>
 */
final class SoakAudit {

    private static final int MAX_EXAMPLES = 20;

    private record Settled(Settlement settlement, int cycle) {
    }

    private final Map<SoakId, Send> sends;
    private final SoakFigures[] cycles;
    private final Set<SoakId> received = new HashSet<>();
    private final Map<SoakId, Settled> settled = new HashMap<>();
    private final List<String> examples = new ArrayList<>();

    private SoakAudit(SoakLedger ledger, int lives) {
        this.sends = ledger.sends();
        this.cycles = new SoakFigures[lives + 1];
        for (int i = 0; i < cycles.length; i++) {
            cycles[i] = new SoakFigures();
        }
        for (SoakDestination destination : SoakDestination.values()) {
            replay(destination, ledger.events(destination));
        }
        sends.forEach(this::countSend);
    }

    /** @param lives how many times the broker was started; events are tagged 1 to {@code lives} */
    static SoakAudit of(SoakLedger ledger, int lives) {
        return new SoakAudit(ledger, lives);
    }

    /** The figures of one life of the broker, 1 to {@code lives}. */
    SoakFigures cycle(int cycle) {
        return cycles[cycle];
    }

    SoakFigures total() {
        SoakFigures total = new SoakFigures();
        for (SoakFigures cycle : cycles) {
            total.add(cycle);
        }
        return total;
    }

    /** A row per cycle, the last labelled {@code final} (the drain's life of the broker), and the total. */
    String table() {
        StringBuilder table = new StringBuilder(SoakFigures.header());
        for (int cycle = 1; cycle < cycles.length; cycle++) {
            table.append('\n').append(cycles[cycle].row(cycle < cycles.length - 1 ? String.valueOf(cycle) : "final"));
        }
        return table.append('\n').append(total().row("total")).toString();
    }

    /** The first messages lost, duplicated, out of order or unexpected, one line each, to reproduce from. */
    List<String> examples() {
        return List.copyOf(examples);
    }

    private void countSend(SoakId id, Send send) {
        SoakFigures figures = cycles[send.cycle()];
        figures.sent++;
        if (send.outcome() != Outcome.STORED) {
            figures.inDoubt++;
            return;
        }
        figures.stored++;
        if (!received.contains(id)) {
            figures.lost++;
            example("cycle %d, %s: %s was stored (its send returned) and never received", send.cycle(),
                    send.destination(), id);
        }
    }

    private void replay(SoakDestination destination, List<Event> log) {
        Map<SoakId, Integer> lastReceipt = new HashMap<>();
        Map<Integer, TreeSet<Long>> due = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            SoakId id = log.get(i).id();
            if (log.get(i).kind() == SoakLedger.EventKind.RECEIVED && expected(id, destination)) {
                lastReceipt.put(id, i);
                due.computeIfAbsent(id.producer(), producer -> new TreeSet<>()).add(id.seq());
            }
        }
        List<SoakId> held = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Event event = log.get(i);
            switch (event.kind()) {
                case RECEIVED -> {
                    if (receipt(destination, event, due.get(event.id().producer()))) {
                        held.add(event.id());
                    }
                }
                case SETTLED -> {
                    held.forEach(id -> settled.putIfAbsent(id, new Settled(event.settlement(), event.cycle())));
                    held.clear();
                }
                case ABANDONED -> {
                    for (SoakId id : held) {
                        if (!settled.containsKey(id) && lastReceipt.get(id) > i) {
                            due.get(id.producer()).add(id.seq());
                        }
                    }
                    held.clear();
                }
            }
        }
    }

    /** Counts a receipt; true if the consumer now holds the message. */
    private boolean receipt(SoakDestination destination, Event event, TreeSet<Long> dueOfProducer) {
        SoakFigures figures = cycles[event.cycle()];
        SoakId id = event.id();
        figures.deliveries++;
        if (!expected(id, destination)) {
            figures.unexpected++;
            example("cycle %d, %s: %s received, but it was %s", event.cycle(), destination, id,
                    sends.containsKey(id) ? "sent to " + sends.get(id).destination() : "never sent");
            return false;
        }
        Settled before = settled.get(id);
        if (before != null && before.settlement() == Settlement.HANDED_OVER) {
            figures.autoRedeliveries++;
            figures.autoRedeliveriesFlagged += event.redelivered() ? 1 : 0;
            return true;
        }
        if (before != null) {
            figures.duplicatedAfterCommit++;
            example("cycle %d, %s: %s received again (JMSRedelivered %s), after it was %s in cycle %d",
                    event.cycle(), destination, id, event.redelivered(), before.settlement(), before.cycle());
            return true;
        }
        if (received.add(id)) {
            figures.received++;
        } else {
            figures.redeliveries++;
            figures.redeliveriesFlagged += event.redelivered() ? 1 : 0;
        }
        dueOfProducer.remove(id.seq());
        if (!dueOfProducer.isEmpty() && dueOfProducer.first() < id.seq()) {
            figures.outOfOrder++;
            example("cycle %d, %s: %s received while p%d#%d was due first", event.cycle(), destination, id,
                    id.producer(), dueOfProducer.first());
        }
        return true;
    }

    private boolean expected(SoakId id, SoakDestination destination) {
        Send send = sends.get(id);
        return send != null && send.destination() == destination;
    }

    private void example(String format, Object... args) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(String.format(format, args));
        }
    }
}
