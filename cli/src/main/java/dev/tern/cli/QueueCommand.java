package dev.tern.cli;

import dev.tern.jms.TernConnection;
import dev.tern.protocol.QueueStatistics;
import dev.tern.protocol.Selectors;
import jakarta.jms.JMSException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern queue ...}: an operator's commands on queues. */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Lists queues; pauses and resumes them; removes or moves the messages waiting on them.",
        subcommands = {QueueCommand.ListQueues.class, QueueCommand.Pause.class, QueueCommand.Resume.class,
            QueueCommand.Purge.class, QueueCommand.Remove.class, QueueCommand.Move.class})
final class QueueCommand {

    private QueueCommand() {
    }

    /** {@code tern queue list}: every queue's counters now. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists every queue and topic subscription you may administer, with its counters.")
    static final class ListQueues implements Callable<Integer> {

        private static final String ROW = "%-32s %-7s %9s %9s %9s %9s %10s %10s %9s %9s%n";

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Mixin
        private OutputOption output;

        @Override
        public Integer call() throws JMSException {
            PrintWriter out = spec.commandLine().getOut();
            List<QueueStatistics> queues;
            try (TernConnection tern = connection.open()) {
                queues = tern.queueStatistics();
            }
            if (output.json()) {
                OutputOption.printJson(out, queues);
                return 0;
            }
            out.printf(ROW, "QUEUE", "STATE", "MESSAGES", "IN FLIGHT", "PAGED", "CONSUMERS", "ENQUEUED", "DEQUEUED",
                    "EXPIRED", "DLQ'D");
            for (QueueStatistics queue : queues) {
                out.printf(ROW, queue.name(), queue.paused() ? "paused" : "active", queue.messageCount(),
                        queue.inFlightCount(), queue.pagedCount(), queue.consumerCount(), queue.enqueuedCount(),
                        queue.dequeuedCount(), queue.expiredCount(), queue.deadLetteredCount());
            }
            return 0;
        }
    }

    /**
     * What the commands on one queue share: the connection, the queue, and a line saying what was done.
     * Each runs its action on a connection and returns that line.
     */
    abstract static class OnQueue implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "QUEUE", description = "The queue (a subscription's queue too).")
        String queue;

        /** Exit code 1 when the action did nothing it was asked to. */
        boolean failed;

        @Override
        public Integer call() throws JMSException {
            String done;
            try (TernConnection tern = connection.open()) {
                done = act(tern);
            }
            spec.commandLine().getOut().println(done);
            return failed ? 1 : 0;
        }

        abstract String act(TernConnection tern) throws JMSException;
    }

    /** {@code tern queue pause NAME}. */
    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Stops delivery from a queue: it keeps taking messages and holds them, also across a "
                    + "restart, until resumed. Messages already delivered stay with their consumers.")
    static final class Pause extends OnQueue {

        @Override
        String act(TernConnection tern) throws JMSException {
            tern.pauseQueue(queue);
            return "Paused " + queue;
        }
    }

    /** {@code tern queue resume NAME}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes delivery from a paused queue.")
    static final class Resume extends OnQueue {

        @Override
        String act(TernConnection tern) throws JMSException {
            tern.resumeQueue(queue);
            return "Resumed " + queue;
        }
    }

    /** {@code tern queue purge NAME}. */
    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Removes every message waiting on a queue, delayed and paged ones included. Messages "
                    + "delivered and not yet acknowledged stay.")
    static final class Purge extends OnQueue {

        @Override
        String act(TernConnection tern) throws JMSException {
            return removed(tern.removeMessages(queue, null), queue);
        }
    }

    /** Which messages {@code remove} takes: one by ID, or those a selector picks. */
    static final class Which {

        @Option(names = "--id", required = true, paramLabel = "ID:...", description = "The JMSMessageID of the message.")
        String messageId;

        @Option(names = "--selector", required = true, description = "A selector over the waiting messages.")
        String selector;

        String selector() {
            return messageId == null ? selector : Selectors.ofMessageId(messageId);
        }
    }

    /** {@code tern queue remove NAME --id ID | --selector S}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes one waiting message by its ID (exit code 1 if it is not waiting there), or the "
                    + "waiting messages a selector picks.")
    static final class Remove extends OnQueue {

        @ArgGroup(multiplicity = "1")
        private Which which;

        @Override
        String act(TernConnection tern) throws JMSException {
            int removed = tern.removeMessages(queue, which.selector());
            failed = removed == 0 && which.messageId != null;
            return removed(removed, queue);
        }
    }

    /** {@code tern queue move NAME --to TARGET [--selector S]}. */
    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Moves the waiting messages (those a selector picks, or all) to another queue, created if "
                    + "need be. Each message moves in one journaled step, so a crash leaves it in one place.")
    static final class Move extends OnQueue {

        @Option(names = "--to", required = true, paramLabel = "QUEUE", description = "The queue to move them to.")
        private String target;

        @Option(names = "--selector", description = "Move only the messages this selector picks.")
        private String selector;

        @Override
        String act(TernConnection tern) throws JMSException {
            int moved = tern.moveMessages(queue, selector, target);
            return "Moved " + moved + " message" + plural(moved) + " from " + queue + " to " + target;
        }
    }

    private static String removed(int count, String queue) {
        return "Removed " + count + " message" + plural(count) + " from " + queue;
    }

    private static String plural(int count) {
        return count == 1 ? "" : "s";
    }
}
