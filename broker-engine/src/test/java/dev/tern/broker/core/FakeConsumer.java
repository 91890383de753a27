package dev.tern.broker.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A consumer for dispatch tests: takes what it wants while it has credit and records it. */
final class FakeConsumer implements QueueConsumer {

    final String name;
    final List<MessageRef> taken = new ArrayList<>();
    final boolean exclusive;
    int credit;
    Predicate<MessageRef> wants = ref -> true;
    /** Runs when the consumer answers BUSY, to stand for credit granted while a dispatch run goes on. */
    Runnable onBusy = () -> { };

    FakeConsumer(String name, int credit, boolean exclusive) {
        this.name = name;
        this.credit = credit;
        this.exclusive = exclusive;
    }

    FakeConsumer(String name, int credit) {
        this(name, credit, false);
    }

    @Override
    public DispatchResult offer(MessageRef ref) {
        if (!wants.test(ref)) {
            return DispatchResult.NO_MATCH;
        }
        if (credit == 0) {
            onBusy.run();
            return DispatchResult.BUSY;
        }
        credit--;
        taken.add(ref);
        return DispatchResult.HANDLED;
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    /** The bodies, here the JMSMessageIDs, of what it took, in order. */
    List<String> names() {
        return taken.stream().map(ref -> ref.message().record().messageId()).toList();
    }

    /** Takes back what it holds, as a closing consumer does, and empties its record. */
    List<MessageRef> giveBack() {
        List<MessageRef> held = new ArrayList<>(taken);
        taken.clear();
        return held;
    }

    @Override
    public String toString() {
        return name;
    }
}
