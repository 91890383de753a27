package dev.tern.jms.provider;

import dev.tern.protocol.Command;
import dev.tern.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives deliveries IDs that stay unique across the links of a failover connection. Each broker numbers
 * its deliveries itself, so an ID from a lost link could name another message on the next one; the
 * client sees only IDs from here, and commands carry to the broker only those of the current link.
 * IDs from an earlier link are dropped from commands: that broker's work with them is gone.
 */
final class DeliveryIds {

    private record Known(long brokerId, long consumerId) {
    }

    private final AtomicLong next = new AtomicLong();
    private volatile long firstOfLink = 1;
    private volatile Map<Long, Known> current = new ConcurrentHashMap<>();

    /** Starts a new link: every ID given so far is void. */
    void newLink() {
        firstOfLink = next.get() + 1;
        current = new ConcurrentHashMap<>();
    }

    /** The delivery with a client-side ID in place of the broker's. */
    Event.Deliver toClient(Event.Deliver delivery) {
        long id = next.incrementAndGet();
        current.put(id, new Known(delivery.deliveryId(), delivery.consumerId()));
        return new Event.Deliver(delivery.consumerId(), id, delivery.deliveryCount(), delivery.message());
    }

    /**
     * The client-side ID of a delivery of the current link that the broker took back, which is forgotten:
     * commands no longer carry it. -1 if no such delivery is known.
     */
    long revoked(long brokerId) {
        Map<Long, Known> known = current;
        for (Map.Entry<Long, Known> entry : known.entrySet()) {
            if (entry.getValue().brokerId() == brokerId) {
                known.remove(entry.getKey());
                return entry.getKey();
            }
        }
        return -1;
    }

    /** True if any of these IDs came from an earlier link. */
    boolean anyStale(List<Long> clientIds) {
        long first = firstOfLink;
        return clientIds.stream().anyMatch(id -> id < first);
    }

    /**
     * The command with the broker's IDs of the current link in place of client IDs; those of earlier
     * links are left out. IDs the command settles are forgotten.
     *
     * @param sessionConsumers the consumers of the command's session, whose IDs a recover or close voids
     */
    Command toBroker(Command command, List<Long> sessionConsumers) {
        if (command instanceof Command.Acknowledge ack) {
            return new Command.Acknowledge(ack.requestId(), ack.sessionId(), take(ack.deliveryIds()));
        } else if (command instanceof Command.Commit commit) {
            return new Command.Commit(commit.requestId(), commit.sessionId(), take(commit.consumed()));
        } else if (command instanceof Command.Recover recover) {
            Command.Recover mapped = new Command.Recover(recover.requestId(), recover.sessionId(), take(recover.consumed()));
            forgetConsumers(sessionConsumers);
            return mapped;
        } else if (command instanceof Command.CloseSession close) {
            Command.CloseSession mapped = new Command.CloseSession(close.requestId(), close.sessionId(), take(close.consumed()));
            forgetConsumers(sessionConsumers);
            return mapped;
        } else if (command instanceof Command.StopDelivery stop) {
            // The broker takes back every delivery not listed; only the listed ones can be settled later.
            List<Long> kept = map(stop.consumed());
            current.keySet().retainAll(stop.consumed());
            return new Command.StopDelivery(stop.requestId(), kept);
        } else if (command instanceof Command.CloseConsumer close) {
            List<Long> kept = map(close.kept());
            forgetConsumers(List.of(close.consumerId()));
            return new Command.CloseConsumer(close.requestId(), close.sessionId(), close.consumerId(), kept);
        }
        return command;
    }

    private List<Long> take(List<Long> clientIds) {
        List<Long> brokerIds = map(clientIds);
        Map<Long, Known> known = current;
        clientIds.forEach(known::remove);
        return brokerIds;
    }

    private List<Long> map(List<Long> clientIds) {
        Map<Long, Known> known = current;
        List<Long> brokerIds = new ArrayList<>(clientIds.size());
        for (Long id : clientIds) {
            Known entry = known.get(id);
            if (entry != null) {
                brokerIds.add(entry.brokerId());
            }
        }
        return brokerIds;
    }

    private void forgetConsumers(List<Long> consumerIds) {
        current.values().removeIf(known -> consumerIds.contains(known.consumerId()));
    }
}
