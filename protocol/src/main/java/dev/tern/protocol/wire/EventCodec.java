package dev.tern.protocol.wire;

import static dev.tern.protocol.wire.FrameFields.writeBranch;
import static dev.tern.protocol.wire.FrameFields.writeEnum;
import static dev.tern.protocol.wire.FrameFields.writeString;

import dev.tern.protocol.BranchId;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import dev.tern.protocol.MessageCodec;
import dev.tern.protocol.PolicyEntry;
import dev.tern.protocol.ConnectionInfo;
import dev.tern.protocol.QueueStatistics;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Type codes and fields of the {@link Event} frames, as tabled in {@link WireFormat}. */
final class EventCodec {

    static final int OK = 64;
    static final int FAILED = 65;
    static final int SESSION_RECOVERED = 66;
    static final int BROWSED = 67;
    static final int DELIVER = 68;
    static final int CONNECTION_CLOSED = 69;
    static final int STATISTICS = 70;
    static final int COUNTED = 71;
    static final int POLICIES = 72;
    static final int DELIVERY_REVOKED = 73;
    static final int XA_ANSWER = 74;
    static final int XA_BRANCHES = 75;
    static final int CONNECTIONS = 76;

    /** The fewest bytes a Deliver's fields can take, to bound a claimed Browsed count. */
    private static final int MIN_DELIVER_SIZE = 20;
    /** The fewest bytes one policy entry can take (three string lengths), to bound a claimed count. */
    private static final int MIN_POLICY_ENTRY_SIZE = 12;
    /** A branch's format ID and two lengths. */
    private static final int MIN_BRANCH_SIZE = 12;
    /** The fewest bytes one queue's statistics can take, to bound a claimed count. */
    private static final int MIN_QUEUE_STATISTICS_SIZE = 78;
    /** long id, three strings (4 bytes each at least), int sessions. */
    private static final int MIN_CONNECTION_INFO_SIZE = 24;

    private EventCodec() {
    }

    /** Writes the type byte and the fields. */
    static void write(DataOutput out, Event event) throws IOException {
        if (event instanceof Event.Ok e) {
            out.writeByte(OK);
            out.writeLong(e.requestId());
        } else if (event instanceof Event.Failed e) {
            out.writeByte(FAILED);
            out.writeLong(e.requestId());
            writeEnum(out, e.code());
            writeString(out, e.message());
        } else if (event instanceof Event.SessionRecovered e) {
            out.writeByte(SESSION_RECOVERED);
            out.writeLong(e.requestId());
            out.writeLong(e.sessionId());
        } else if (event instanceof Event.Browsed e) {
            out.writeByte(BROWSED);
            out.writeLong(e.requestId());
            out.writeInt(e.messages().size());
            for (Event.Deliver deliver : e.messages()) {
                writeDeliver(out, deliver);
            }
        } else if (event instanceof Event.Deliver e) {
            out.writeByte(DELIVER);
            writeDeliver(out, e);
        } else if (event instanceof Event.DeliveryRevoked e) {
            out.writeByte(DELIVERY_REVOKED);
            out.writeLong(e.consumerId());
            out.writeLong(e.deliveryId());
        } else if (event instanceof Event.ConnectionClosed e) {
            out.writeByte(CONNECTION_CLOSED);
            writeEnum(out, e.code());
            writeString(out, e.message());
        } else if (event instanceof Event.Statistics e) {
            out.writeByte(STATISTICS);
            out.writeLong(e.requestId());
            out.writeInt(e.queues().size());
            for (QueueStatistics queue : e.queues()) {
                writeQueueStatistics(out, queue);
            }
        } else if (event instanceof Event.Counted e) {
            out.writeByte(COUNTED);
            out.writeLong(e.requestId());
            out.writeInt(e.count());
        } else if (event instanceof Event.Policies e) {
            out.writeByte(POLICIES);
            out.writeLong(e.requestId());
            out.writeInt(e.entries().size());
            for (PolicyEntry entry : e.entries()) {
                writeString(out, entry.pattern());
                writeString(out, entry.setting());
                writeString(out, entry.value());
            }
        } else if (event instanceof Event.XaAnswer e) {
            out.writeByte(XA_ANSWER);
            out.writeLong(e.requestId());
            out.writeInt(e.code());
            writeString(out, e.message());
        } else if (event instanceof Event.XaBranches e) {
            out.writeByte(XA_BRANCHES);
            out.writeLong(e.requestId());
            out.writeInt(e.branches().size());
            for (BranchId branch : e.branches()) {
                writeBranch(out, branch);
            }
        } else if (event instanceof Event.Connections e) {
            out.writeByte(CONNECTIONS);
            out.writeLong(e.requestId());
            out.writeInt(e.connections().size());
            for (ConnectionInfo connection : e.connections()) {
                out.writeLong(connection.id());
                writeString(out, connection.clientId());
                writeString(out, connection.user());
                writeString(out, connection.from());
                out.writeInt(connection.sessions());
            }
        } else {
            throw new IllegalArgumentException("no frame type for " + event.getClass().getName());
        }
    }

    /** True if the type code is an event's. */
    static boolean isEvent(int type) {
        return type >= OK && type <= CONNECTIONS;
    }

    /** The name of an event's frame type, as {@link WireFormat} tables it. */
    static String name(int type) {
        return switch (type) {
            case OK -> "Ok";
            case FAILED -> "Failed";
            case SESSION_RECOVERED -> "SessionRecovered";
            case BROWSED -> "Browsed";
            case DELIVER -> "Deliver";
            case CONNECTION_CLOSED -> "ConnectionClosed";
            case STATISTICS -> "Statistics";
            case COUNTED -> "Counted";
            case POLICIES -> "Policies";
            case DELIVERY_REVOKED -> "DeliveryRevoked";
            case XA_ANSWER -> "XaAnswer";
            case XA_BRANCHES -> "XaBranches";
            case CONNECTIONS -> "Connections";
            default -> "unknown";
        };
    }

    /** Reads the fields of an event whose type byte was already read, by the names {@link WireFormat} gives them. */
    static Event read(int type, FrameReader in) {
        return switch (type) {
            case OK -> new Event.Ok(in.readLong("requestId"));
            case FAILED -> new Event.Failed(in.readLong("requestId"), in.readEnum("code", ErrorCode.values()),
                    in.readString("message"));
            case SESSION_RECOVERED -> new Event.SessionRecovered(in.readLong("requestId"), in.readLong("sessionId"));
            case BROWSED -> readBrowsed(in);
            case DELIVER -> readDeliver(in, "");
            case CONNECTION_CLOSED -> new Event.ConnectionClosed(in.readEnum("code", ErrorCode.values()),
                    in.readString("message"));
            case STATISTICS -> readStatistics(in);
            case COUNTED -> new Event.Counted(in.readLong("requestId"), in.readInt("count"));
            case POLICIES -> readPolicies(in);
            case DELIVERY_REVOKED -> new Event.DeliveryRevoked(in.readLong("consumerId"), in.readLong("deliveryId"));
            case XA_ANSWER -> new Event.XaAnswer(in.readLong("requestId"), in.readInt("code"), in.readString("message"));
            case XA_BRANCHES -> readBranches(in);
            case CONNECTIONS -> readConnections(in);
            default -> throw new WireException("unknown event frame type " + type);
        };
    }

    private static Event.Connections readConnections(FrameReader in) {
        long requestId = in.readLong("requestId");
        int count = in.readCount("count", MIN_CONNECTION_INFO_SIZE);
        List<ConnectionInfo> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(new ConnectionInfo(in.readLong("connections.id"), in.readString("connections.clientId"),
                    in.readString("connections.user"), in.readString("connections.from"),
                    in.readInt("connections.sessions")));
        }
        return new Event.Connections(requestId, connections);
    }

    private static Event.Browsed readBrowsed(FrameReader in) {
        long requestId = in.readLong("requestId");
        int count = in.readCount("count", MIN_DELIVER_SIZE);
        List<Event.Deliver> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(readDeliver(in, "deliveries."));
        }
        return new Event.Browsed(requestId, messages);
    }

    private static Event.XaBranches readBranches(FrameReader in) {
        long requestId = in.readLong("requestId");
        int count = in.readCount("count", MIN_BRANCH_SIZE);
        List<BranchId> branches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            branches.add(in.readBranch("branches"));
        }
        return new Event.XaBranches(requestId, branches);
    }

    private static Event.Statistics readStatistics(FrameReader in) {
        long requestId = in.readLong("requestId");
        int count = in.readCount("count", MIN_QUEUE_STATISTICS_SIZE);
        List<QueueStatistics> queues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            queues.add(new QueueStatistics(in.readString("queues.name"), in.readString("queues.address"),
                    in.readBoolean("queues.subscription"), in.readBoolean("queues.paused"),
                    in.readLong("queues.messageCount"), in.readLong("queues.inFlightCount"),
                    in.readLong("queues.pagedCount"), in.readInt("queues.consumerCount"),
                    in.readLong("queues.enqueuedCount"), in.readLong("queues.dispatchedCount"),
                    in.readLong("queues.dequeuedCount"), in.readLong("queues.expiredCount"),
                    in.readLong("queues.deadLetteredCount")));
        }
        return new Event.Statistics(requestId, queues);
    }

    private static Event.Policies readPolicies(FrameReader in) {
        long requestId = in.readLong("requestId");
        int count = in.readCount("count", MIN_POLICY_ENTRY_SIZE);
        List<PolicyEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String pattern = in.readString("entries.pattern");
            String setting = in.readRequiredString("entries.setting");
            String value = in.readRequiredString("entries.value");
            entries.add(new PolicyEntry(pattern, setting, value));
        }
        return new Event.Policies(requestId, entries);
    }

    private static void writeQueueStatistics(DataOutput out, QueueStatistics queue) throws IOException {
        writeString(out, queue.name());
        writeString(out, queue.address());
        out.writeBoolean(queue.subscription());
        out.writeBoolean(queue.paused());
        out.writeLong(queue.messageCount());
        out.writeLong(queue.inFlightCount());
        out.writeLong(queue.pagedCount());
        out.writeInt(queue.consumerCount());
        out.writeLong(queue.enqueuedCount());
        out.writeLong(queue.dispatchedCount());
        out.writeLong(queue.dequeuedCount());
        out.writeLong(queue.expiredCount());
        out.writeLong(queue.deadLetteredCount());
    }

    private static void writeDeliver(DataOutput out, Event.Deliver deliver) throws IOException {
        out.writeLong(deliver.consumerId());
        out.writeLong(deliver.deliveryId());
        out.writeInt(deliver.deliveryCount());
        MessageCodec.write(out, deliver.message());
    }

    /** A Deliver's fields, named with the prefix ({@code deliveries.} inside a Browsed). */
    private static Event.Deliver readDeliver(FrameReader in, String prefix) {
        return new Event.Deliver(in.readLong(prefix + "consumerId"), in.readLong(prefix + "deliveryId"),
                in.readInt(prefix + "deliveryCount"), in.readMessage(prefix + "message"));
    }
}
