package dev.tern.protocol.wire;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.BranchId;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ReplayFrom;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sample of every frame, with every optional field both set and unset somewhere. */
final class Frames {

    /** A branch with IDs of the most bytes XA allows. */
    static final BranchId BRANCH = new BranchId(0x1234, new byte[64], new byte[] {1, 2, 3});
    static final BranchId EMPTY_BRANCH = new BranchId(-1, new byte[0], new byte[0]);


    private Frames() {
    }

    static MessageRecord message() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("i", 3);
        properties.put("text", "ünïcode ✓");
        return new MessageRecord("ID:1", DestinationName.queue("orders"), 1_700_000_000_000L, "corr",
                new DestinationName(DestinationType.TEMPORARY_QUEUE, "replies"), "type", true, 7, 5L, 6L,
                properties, BodyType.TEXT, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<Command> commands() {
        DestinationName queue = DestinationName.queue("q");
        return List.of(
                new Command.OpenConnection(1, "client", "user", null),
                new Command.OpenConnection(2, null, null, null),
                new Command.SetClientId(3, "id"),
                new Command.CreateSession(4, 40, AckMode.TRANSACTED),
                new Command.CloseSession(5, 40, List.of(1L, 2L, Long.MAX_VALUE)),
                new Command.CreateConsumer(6, 40, 41, ConsumerSpec.of(queue).withExclusive(true), 1000),
                new Command.CreateConsumer(7, 40, 42, new ConsumerSpec(DestinationName.topic("t"), "a > 1", true,
                        "sub", true, true), 1),
                new Command.CreateConsumer(70, 40, 43, new ConsumerSpec(DestinationName.topic("t"), null, false,
                        "sub", true, false).withReplayFrom(ReplayFrom.parse("2026-11-01T00:00:00Z")), 10),
                new Command.CreateConsumer(71, 40, 44, ConsumerSpec.of(DestinationName.topic("t"))
                        .withReplayFrom(ReplayFrom.messageId("ID:abc-1")), 10),
                new Command.CreateConsumer(72, 40, 45, ConsumerSpec.of(DestinationName.topic("t"))
                        .withReplayFrom(ReplayFrom.BEGINNING), 10),
                new Command.CloseConsumer(8, 40, 41, List.of()),
                new Command.Send(9, 40, message()),
                new Command.Acknowledge(10, 40, List.of(7L)),
                new Command.Commit(11, 40, List.of(8L, 9L)),
                new Command.Recover(12, 40, List.of()),
                new Command.Release(13, 40, List.of(5L, 6L), true),
                new Command.GrantCredit(13, 3, 41, 500),
                new Command.Browse(14, queue, "x = 'y'", 10),
                new Command.Browse(15, queue, null, 0),
                new Command.QueryStatistics(20),
                new Command.Pull(21, 40, 41),
                new Command.GrantCredit(22, 3, 41, -1),
                new Command.Unsubscribe(16, "sub"),
                new Command.CreateTemporaryDestination(17, new DestinationName(DestinationType.TEMPORARY_TOPIC, "tt")),
                new Command.DeleteTemporaryDestination(18, new DestinationName(DestinationType.TEMPORARY_QUEUE, "tq")),
                new Command.RetryDeadLetters(23, "DLQ", "_TERN_ORIG_QUEUE = 'orders'"),
                new Command.RetryDeadLetters(24, "DLQ", null),
                new Command.ManageQueue(25, "orders", dev.tern.protocol.QueueAction.PAUSE, null, null),
                new Command.Backup(27, "/var/backups/tern.zip"),
                new Command.ListConnections(28),
                new Command.ManageQueue(26, "orders", dev.tern.protocol.QueueAction.MOVE, "region = 'eu'", "orders.eu"),
                new Command.SetPolicy(25, "orders.>", "maxDeliveryAttempts", "5"),
                new Command.SetPolicy(26, "audit", "expiryQueue", ""),
                new Command.ListPolicies(27),
                new Command.StartDelivery(28),
                new Command.StopDelivery(29, List.of(7L, 8L)),
                new Command.StopDelivery(30, List.of()),
                new Command.XaStart(31, 3, BRANCH, 0, 30),
                new Command.XaEnd(32, 3, BRANCH, 0x04000000, List.of(5L, 6L)),
                new Command.XaPrepare(33, EMPTY_BRANCH),
                new Command.XaCommit(34, BRANCH, true),
                new Command.XaCommit(35, BRANCH, false),
                new Command.XaRollback(36, BRANCH),
                new Command.XaForget(37, BRANCH),
                new Command.XaRecover(38),
                new Command.XaDecide(39, BRANCH, true),
                new Command.XaDecide(40, EMPTY_BRANCH, false),
                new Command.CloseConnection(19));
    }

    static List<Event> events() {
        Event.Deliver deliver = new Event.Deliver(41, 99, 2, message());
        return List.of(
                new Event.Ok(1),
                new Event.Failed(2, ErrorCode.INVALID_SELECTOR, "bad selector"),
                new Event.Failed(3, ErrorCode.INTERNAL, null),
                new Event.SessionRecovered(4, 40),
                new Event.Browsed(5, List.of(deliver, new Event.Deliver(0, 0, 1, message()))),
                new Event.Browsed(6, List.of()),
                new Event.Statistics(7, List.of(new dev.tern.protocol.QueueStatistics("orders", "orders", false, true, 3, 2, 1, 1, 10, 7, 5, 1, 1),
                        new dev.tern.protocol.QueueStatistics("sub:c:s", "news", true, false, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
                new Event.Statistics(8, List.of()),
                new Event.Counted(9, 12),
                new Event.Policies(10, List.of(new dev.tern.protocol.PolicyEntry(">", "maxBytes", "1048576"),
                        new dev.tern.protocol.PolicyEntry(null, "deadLetterQueue", "DLQ"))),
                new Event.Policies(11, List.of()),
                deliver,
                new Event.DeliveryRevoked(41, 99),
                new Event.XaAnswer(12, 3, null),
                new Event.XaAnswer(13, -4, "unknown branch"),
                new Event.XaBranches(14, List.of(BRANCH, EMPTY_BRANCH)),
                new Event.XaBranches(15, List.of()),
                new Event.Connections(16, List.of(new dev.tern.protocol.ConnectionInfo(3, "orders-app", "alice",
                        "/10.1.2.3:45678", 2), new dev.tern.protocol.ConnectionInfo(4, null, null, "in-JVM", 0))),
                new Event.ConnectionClosed(ErrorCode.ILLEGAL_STATE, "shutting down"));
    }
}
