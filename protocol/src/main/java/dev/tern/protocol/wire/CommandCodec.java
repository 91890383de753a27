package dev.tern.protocol.wire;

import static dev.tern.protocol.wire.FrameFields.writeBranch;
import static dev.tern.protocol.wire.FrameFields.writeDestination;
import static dev.tern.protocol.wire.FrameFields.writeEnum;
import static dev.tern.protocol.wire.FrameFields.writeIds;
import static dev.tern.protocol.wire.FrameFields.writeSpec;
import static dev.tern.protocol.wire.FrameFields.writeString;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.QueueAction;
import dev.tern.protocol.Command;
import dev.tern.protocol.MessageCodec;
import java.io.DataOutput;
import java.io.IOException;

/** Type codes and fields of the {@link Command} frames, as tabled in {@link WireFormat}. */
final class CommandCodec {

    static final int OPEN_CONNECTION = 1;
    static final int SET_CLIENT_ID = 2;
    static final int CREATE_SESSION = 3;
    static final int CLOSE_SESSION = 4;
    static final int CREATE_CONSUMER = 5;
    static final int CLOSE_CONSUMER = 6;
    static final int SEND = 7;
    static final int ACKNOWLEDGE = 8;
    static final int COMMIT = 9;
    static final int RECOVER = 10;
    static final int GRANT_CREDIT = 11;
    static final int BROWSE = 12;
    static final int UNSUBSCRIBE = 13;
    static final int CREATE_TEMPORARY_DESTINATION = 14;
    static final int DELETE_TEMPORARY_DESTINATION = 15;
    static final int CLOSE_CONNECTION = 16;
    static final int QUERY_STATISTICS = 17;
    static final int PULL = 18;
    static final int RETRY_DEAD_LETTERS = 19;
    static final int SET_POLICY = 20;
    static final int LIST_POLICIES = 21;
    static final int START_DELIVERY = 22;
    static final int STOP_DELIVERY = 23;
    static final int XA_START = 24;
    static final int XA_END = 25;
    static final int XA_PREPARE = 26;
    static final int XA_COMMIT = 27;
    static final int XA_ROLLBACK = 28;
    static final int XA_FORGET = 29;
    static final int XA_RECOVER = 30;
    static final int XA_DECIDE = 31;
    static final int RELEASE = 32;
    static final int MANAGE_QUEUE = 33;
    static final int BACKUP = 34;
    static final int LIST_CONNECTIONS = 35;

    private CommandCodec() {
    }

    /** Writes the type byte and the fields. */
    static void write(DataOutput out, Command command) throws IOException {
        out.writeByte(typeOf(command));
        out.writeLong(command.requestId());
        if (command instanceof Command.OpenConnection c) {
            writeString(out, c.clientId());
            writeString(out, c.user());
            writeString(out, c.password());
        } else if (command instanceof Command.SetClientId c) {
            writeString(out, c.clientId());
        } else if (command instanceof Command.CreateSession c) {
            out.writeLong(c.sessionId());
            writeEnum(out, c.ackMode());
        } else if (command instanceof Command.CloseSession c) {
            out.writeLong(c.sessionId());
            writeIds(out, c.consumed());
        } else if (command instanceof Command.CreateConsumer c) {
            out.writeLong(c.sessionId());
            out.writeLong(c.consumerId());
            writeSpec(out, c.spec());
            out.writeInt(c.credit());
        } else if (command instanceof Command.CloseConsumer c) {
            out.writeLong(c.sessionId());
            out.writeLong(c.consumerId());
            writeIds(out, c.kept());
        } else if (command instanceof Command.Send c) {
            out.writeLong(c.sessionId());
            MessageCodec.write(out, c.message());
        } else if (command instanceof Command.Acknowledge c) {
            out.writeLong(c.sessionId());
            writeIds(out, c.deliveryIds());
        } else if (command instanceof Command.Commit c) {
            out.writeLong(c.sessionId());
            writeIds(out, c.consumed());
        } else if (command instanceof Command.Recover c) {
            out.writeLong(c.sessionId());
            writeIds(out, c.consumed());
        } else if (command instanceof Command.Release c) {
            out.writeLong(c.sessionId());
            writeIds(out, c.deliveryIds());
            out.writeBoolean(c.failed());
        } else if (command instanceof Command.GrantCredit c) {
            out.writeLong(c.sessionId());
            out.writeLong(c.consumerId());
            out.writeInt(c.credit());
        } else if (command instanceof Command.Pull c) {
            out.writeLong(c.sessionId());
            out.writeLong(c.consumerId());
        } else if (command instanceof Command.Browse c) {
            writeDestination(out, c.queue());
            writeString(out, c.selector());
            out.writeInt(c.limit());
        } else if (command instanceof Command.Unsubscribe c) {
            writeString(out, c.subscriptionName());
        } else if (command instanceof Command.CreateTemporaryDestination c) {
            writeDestination(out, c.destination());
        } else if (command instanceof Command.DeleteTemporaryDestination c) {
            writeDestination(out, c.destination());
        } else if (command instanceof Command.RetryDeadLetters c) {
            writeString(out, c.queue());
            writeString(out, c.selector());
        } else if (command instanceof Command.SetPolicy c) {
            writeString(out, c.pattern());
            writeString(out, c.setting());
            writeString(out, c.value());
        } else if (command instanceof Command.Backup c) {
            writeString(out, c.path());
        } else if (command instanceof Command.ManageQueue c) {
            writeString(out, c.queue());
            writeEnum(out, c.action());
            writeString(out, c.selector());
            writeString(out, c.target());
        } else if (command instanceof Command.StopDelivery c) {
            writeIds(out, c.consumed());
        } else if (command instanceof Command.XaStart c) {
            out.writeLong(c.sessionId());
            writeBranch(out, c.branch());
            out.writeInt(c.flags());
            out.writeInt(c.timeoutSeconds());
        } else if (command instanceof Command.XaEnd c) {
            out.writeLong(c.sessionId());
            writeBranch(out, c.branch());
            out.writeInt(c.flags());
            writeIds(out, c.consumed());
        } else if (command instanceof Command.XaPrepare c) {
            writeBranch(out, c.branch());
        } else if (command instanceof Command.XaCommit c) {
            writeBranch(out, c.branch());
            out.writeBoolean(c.onePhase());
        } else if (command instanceof Command.XaRollback c) {
            writeBranch(out, c.branch());
        } else if (command instanceof Command.XaForget c) {
            writeBranch(out, c.branch());
        } else if (command instanceof Command.XaDecide c) {
            writeBranch(out, c.branch());
            out.writeBoolean(c.commit());
        }
    }

    /** True if the type code is a command's. */
    static boolean isCommand(int type) {
        return type >= OPEN_CONNECTION && type <= LIST_CONNECTIONS;
    }

    /** The name of a command's frame type, as {@link WireFormat} tables it. */
    static String name(int type) {
        return switch (type) {
            case OPEN_CONNECTION -> "OpenConnection";
            case SET_CLIENT_ID -> "SetClientId";
            case CREATE_SESSION -> "CreateSession";
            case CLOSE_SESSION -> "CloseSession";
            case CREATE_CONSUMER -> "CreateConsumer";
            case CLOSE_CONSUMER -> "CloseConsumer";
            case SEND -> "Send";
            case ACKNOWLEDGE -> "Acknowledge";
            case COMMIT -> "Commit";
            case RECOVER -> "Recover";
            case GRANT_CREDIT -> "GrantCredit";
            case BROWSE -> "Browse";
            case UNSUBSCRIBE -> "Unsubscribe";
            case CREATE_TEMPORARY_DESTINATION -> "CreateTemporaryDestination";
            case DELETE_TEMPORARY_DESTINATION -> "DeleteTemporaryDestination";
            case CLOSE_CONNECTION -> "CloseConnection";
            case QUERY_STATISTICS -> "QueryStatistics";
            case PULL -> "Pull";
            case RETRY_DEAD_LETTERS -> "RetryDeadLetters";
            case SET_POLICY -> "SetPolicy";
            case LIST_POLICIES -> "ListPolicies";
            case START_DELIVERY -> "StartDelivery";
            case STOP_DELIVERY -> "StopDelivery";
            case XA_START -> "XaStart";
            case XA_END -> "XaEnd";
            case XA_PREPARE -> "XaPrepare";
            case XA_COMMIT -> "XaCommit";
            case XA_ROLLBACK -> "XaRollback";
            case XA_FORGET -> "XaForget";
            case XA_RECOVER -> "XaRecover";
            case XA_DECIDE -> "XaDecide";
            case RELEASE -> "Release";
            case MANAGE_QUEUE -> "ManageQueue";
            case BACKUP -> "Backup";
            case LIST_CONNECTIONS -> "ListConnections";
            default -> "unknown";
        };
    }

    /** Reads the fields of a command whose type byte was already read, by the names {@link WireFormat} gives them. */
    static Command read(int type, FrameReader in) {
        long id = in.readLong("requestId");
        return switch (type) {
            case OPEN_CONNECTION -> new Command.OpenConnection(id, in.readString("clientId"), in.readString("user"),
                    in.readString("password"));
            case SET_CLIENT_ID -> new Command.SetClientId(id, in.readRequiredString("clientId"));
            case CREATE_SESSION -> new Command.CreateSession(id, in.readLong("sessionId"),
                    in.readEnum("ackMode", AckMode.values()));
            case CLOSE_SESSION -> new Command.CloseSession(id, in.readLong("sessionId"), in.readIds("consumed"));
            case CREATE_CONSUMER -> new Command.CreateConsumer(id, in.readLong("sessionId"), in.readLong("consumerId"),
                    in.readSpec("spec"), in.readInt("credit"));
            case CLOSE_CONSUMER -> new Command.CloseConsumer(id, in.readLong("sessionId"), in.readLong("consumerId"),
                    in.readIds("kept"));
            case SEND -> new Command.Send(id, in.readLong("sessionId"), in.readMessage("message"));
            case ACKNOWLEDGE -> new Command.Acknowledge(id, in.readLong("sessionId"), in.readIds("deliveryIds"));
            case COMMIT -> new Command.Commit(id, in.readLong("sessionId"), in.readIds("consumed"));
            case RECOVER -> new Command.Recover(id, in.readLong("sessionId"), in.readIds("consumed"));
            case GRANT_CREDIT -> new Command.GrantCredit(id, in.readLong("sessionId"), in.readLong("consumerId"),
                    in.readInt("credit"));
            case BROWSE -> new Command.Browse(id, in.readDestination("queue"), in.readString("selector"), in.readInt("limit"));
            case UNSUBSCRIBE -> new Command.Unsubscribe(id, in.readRequiredString("subscriptionName"));
            case CREATE_TEMPORARY_DESTINATION -> new Command.CreateTemporaryDestination(id, in.readDestination("destination"));
            case DELETE_TEMPORARY_DESTINATION -> new Command.DeleteTemporaryDestination(id, in.readDestination("destination"));
            case CLOSE_CONNECTION -> new Command.CloseConnection(id);
            case QUERY_STATISTICS -> new Command.QueryStatistics(id);
            case PULL -> new Command.Pull(id, in.readLong("sessionId"), in.readLong("consumerId"));
            case RETRY_DEAD_LETTERS -> new Command.RetryDeadLetters(id, in.readRequiredString("queue"), in.readString("selector"));
            case SET_POLICY -> new Command.SetPolicy(id, in.readRequiredString("pattern"),
                    in.readRequiredString("setting"), in.readRequiredString("value"));
            case LIST_POLICIES -> new Command.ListPolicies(id);
            case START_DELIVERY -> new Command.StartDelivery(id);
            case STOP_DELIVERY -> new Command.StopDelivery(id, in.readIds("consumed"));
            case XA_START -> new Command.XaStart(id, in.readLong("sessionId"), in.readBranch("branch"),
                    in.readInt("flags"), in.readInt("timeoutSeconds"));
            case XA_END -> new Command.XaEnd(id, in.readLong("sessionId"), in.readBranch("branch"), in.readInt("flags"),
                    in.readIds("consumed"));
            case XA_PREPARE -> new Command.XaPrepare(id, in.readBranch("branch"));
            case XA_COMMIT -> new Command.XaCommit(id, in.readBranch("branch"), in.readBoolean("onePhase"));
            case XA_ROLLBACK -> new Command.XaRollback(id, in.readBranch("branch"));
            case XA_FORGET -> new Command.XaForget(id, in.readBranch("branch"));
            case XA_RECOVER -> new Command.XaRecover(id);
            case XA_DECIDE -> new Command.XaDecide(id, in.readBranch("branch"), in.readBoolean("commit"));
            case RELEASE -> new Command.Release(id, in.readLong("sessionId"), in.readIds("deliveryIds"),
                    in.readBoolean("failed"));
            case MANAGE_QUEUE -> new Command.ManageQueue(id, in.readRequiredString("queue"),
                    in.readEnum("action", QueueAction.values()), in.readString("selector"), in.readString("target"));
            case BACKUP -> new Command.Backup(id, in.readRequiredString("path"));
            case LIST_CONNECTIONS -> new Command.ListConnections(id);
            default -> throw new WireException("unknown command frame type " + type);
        };
    }

    private static int typeOf(Command command) {
        if (command instanceof Command.OpenConnection) {
            return OPEN_CONNECTION;
        } else if (command instanceof Command.SetClientId) {
            return SET_CLIENT_ID;
        } else if (command instanceof Command.CreateSession) {
            return CREATE_SESSION;
        } else if (command instanceof Command.CloseSession) {
            return CLOSE_SESSION;
        } else if (command instanceof Command.CreateConsumer) {
            return CREATE_CONSUMER;
        } else if (command instanceof Command.CloseConsumer) {
            return CLOSE_CONSUMER;
        } else if (command instanceof Command.Send) {
            return SEND;
        } else if (command instanceof Command.Acknowledge) {
            return ACKNOWLEDGE;
        } else if (command instanceof Command.Commit) {
            return COMMIT;
        } else if (command instanceof Command.Recover) {
            return RECOVER;
        } else if (command instanceof Command.GrantCredit) {
            return GRANT_CREDIT;
        } else if (command instanceof Command.Browse) {
            return BROWSE;
        } else if (command instanceof Command.Unsubscribe) {
            return UNSUBSCRIBE;
        } else if (command instanceof Command.CreateTemporaryDestination) {
            return CREATE_TEMPORARY_DESTINATION;
        } else if (command instanceof Command.DeleteTemporaryDestination) {
            return DELETE_TEMPORARY_DESTINATION;
        } else if (command instanceof Command.CloseConnection) {
            return CLOSE_CONNECTION;
        } else if (command instanceof Command.QueryStatistics) {
            return QUERY_STATISTICS;
        } else if (command instanceof Command.Pull) {
            return PULL;
        } else if (command instanceof Command.RetryDeadLetters) {
            return RETRY_DEAD_LETTERS;
        } else if (command instanceof Command.SetPolicy) {
            return SET_POLICY;
        } else if (command instanceof Command.ListPolicies) {
            return LIST_POLICIES;
        } else if (command instanceof Command.StartDelivery) {
            return START_DELIVERY;
        } else if (command instanceof Command.StopDelivery) {
            return STOP_DELIVERY;
        }
        return typeOfXa(command);
    }

    private static int typeOfXa(Command command) {
        if (command instanceof Command.XaStart) {
            return XA_START;
        } else if (command instanceof Command.XaEnd) {
            return XA_END;
        } else if (command instanceof Command.XaPrepare) {
            return XA_PREPARE;
        } else if (command instanceof Command.XaCommit) {
            return XA_COMMIT;
        } else if (command instanceof Command.XaRollback) {
            return XA_ROLLBACK;
        } else if (command instanceof Command.XaForget) {
            return XA_FORGET;
        } else if (command instanceof Command.XaRecover) {
            return XA_RECOVER;
        } else if (command instanceof Command.XaDecide) {
            return XA_DECIDE;
        } else if (command instanceof Command.Release) {
            return RELEASE;
        } else if (command instanceof Command.ManageQueue) {
            return MANAGE_QUEUE;
        } else if (command instanceof Command.Backup) {
            return BACKUP;
        } else if (command instanceof Command.ListConnections) {
            return LIST_CONNECTIONS;
        }
        throw new IllegalArgumentException("no frame type for " + command.getClass().getName());
    }
}
