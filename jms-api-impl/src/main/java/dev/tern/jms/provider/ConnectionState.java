package dev.tern.jms.provider;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * What a failover connection must tell the next broker to be where it was: the connection's open
 * and client ID, its temporary destinations, sessions and consumers, in the order they were made, and
 * whether delivery is started.
 * Also knows which transacted sessions had sent on a lost link, whose transactions are in doubt, and which
 * sessions worked in an XA branch on a lost link: the next broker's session is not in it, so that branch
 * can only roll back.
 * Thread-safe.
 */
final class ConnectionState {

    private record SessionState(LongFunction<Command> create, boolean transacted) {
    }

    private record ConsumerState(long sessionId, LongFunction<Command> create) {
    }

    private LongFunction<Command> open;
    private LongFunction<Command> clientId;
    private boolean deliveryStarted;
    private final Map<DestinationName, LongFunction<Command>> temporaries = new LinkedHashMap<>();
    private final Map<Long, SessionState> sessions = new LinkedHashMap<>();
    private final Map<Long, ConsumerState> consumers = new LinkedHashMap<>();
    private final Set<Long> sentInTransaction = ConcurrentHashMap.newKeySet();
    private final Set<Long> inDoubt = ConcurrentHashMap.newKeySet();
    private final Set<Long> inXaBranch = ConcurrentHashMap.newKeySet();
    private final Set<Long> lostXaBranch = ConcurrentHashMap.newKeySet();

    /** Notes a command as it is sent. */
    synchronized void sending(Command command) {
        if (command instanceof Command.Send send && isTransacted(send.sessionId())) {
            sentInTransaction.add(send.sessionId());
        } else if (command instanceof Command.Commit commit) {
            sentInTransaction.remove(commit.sessionId());
        } else if (command instanceof Command.Recover recover) {
            sentInTransaction.remove(recover.sessionId());
            inDoubt.remove(recover.sessionId());
        } else if (command instanceof Command.XaStart start) {
            inXaBranch.add(start.sessionId());
        } else if (command instanceof Command.XaEnd end) {
            inXaBranch.remove(end.sessionId());
        } else if (command instanceof Command.CloseSession close) {
            inXaBranch.remove(close.sessionId());
            lostXaBranch.remove(close.sessionId());
            sessions.remove(close.sessionId());
            consumers.values().removeIf(consumer -> consumer.sessionId() == close.sessionId());
            sentInTransaction.remove(close.sessionId());
            inDoubt.remove(close.sessionId());
        } else if (command instanceof Command.CloseConsumer close) {
            consumers.remove(close.consumerId());
        } else if (command instanceof Command.DeleteTemporaryDestination delete) {
            temporaries.remove(delete.destination());
        }
    }

    /** Notes a command the broker accepted; {@code create} makes it again with a new request ID. */
    synchronized void accepted(Command command, LongFunction<Command> create) {
        if (command instanceof Command.OpenConnection) {
            open = create;
        } else if (command instanceof Command.SetClientId) {
            clientId = create;
        } else if (command instanceof Command.CreateTemporaryDestination temporary) {
            temporaries.put(temporary.destination(), create);
        } else if (command instanceof Command.CreateSession session) {
            sessions.put(session.sessionId(), new SessionState(create, session.ackMode() == AckMode.TRANSACTED));
        } else if (command instanceof Command.CreateConsumer consumer && sessions.containsKey(consumer.sessionId())) {
            consumers.put(consumer.consumerId(), new ConsumerState(consumer.sessionId(), create));
        } else if (command instanceof Command.StartDelivery) {
            deliveryStarted = true;
        } else if (command instanceof Command.StopDelivery) {
            deliveryStarted = false;
        }
    }

    /** The link was lost: sessions that sent in their transaction are in doubt. Returns the open sessions. */
    synchronized List<Long> linkLost() {
        inDoubt.addAll(sentInTransaction);
        sentInTransaction.clear();
        lostXaBranch.addAll(inXaBranch);
        inXaBranch.clear();
        return List.copyOf(sessions.keySet());
    }

    /** True, once, if this session's transaction was in doubt: its commit must fail as rolled back. */
    boolean takeInDoubt(long sessionId) {
        return inDoubt.remove(sessionId);
    }

    /** True if this session worked in an XA branch when a link was lost, and has not ended it since. */
    boolean lostXaBranch(long sessionId) {
        return lostXaBranch.contains(sessionId);
    }

    /** True, once, if this session lost its XA branch with a link: its end must answer that it rolls back. */
    boolean takeLostXaBranch(long sessionId) {
        return lostXaBranch.remove(sessionId);
    }

    /** True if the session's sends stand alone: it is not transacted and works in no XA branch, live or lost. */
    synchronized boolean sendsStandAlone(long sessionId) {
        return !isTransacted(sessionId) && !inXaBranch.contains(sessionId) && !lostXaBranch.contains(sessionId);
    }

    /** The consumers of a session. */
    synchronized List<Long> consumersOf(long sessionId) {
        List<Long> ids = new ArrayList<>();
        consumers.forEach((id, consumer) -> {
            if (consumer.sessionId() == sessionId) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The commands that rebuild the connection on a new broker, in order; empty if it was never opened. */
    synchronized List<LongFunction<Command>> replay() {
        List<LongFunction<Command>> commands = new ArrayList<>();
        if (open == null) {
            return commands;
        }
        commands.add(open);
        if (clientId != null) {
            commands.add(clientId);
        }
        commands.addAll(temporaries.values());
        sessions.values().forEach(session -> commands.add(session.create()));
        consumers.values().forEach(consumer -> commands.add(consumer.create()));
        if (deliveryStarted) {
            commands.add(Command.StartDelivery::new);
        }
        return commands;
    }

    private boolean isTransacted(long sessionId) {
        SessionState session = sessions.get(sessionId);
        return session != null && session.transacted();
    }
}
