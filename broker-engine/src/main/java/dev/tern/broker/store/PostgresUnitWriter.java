package dev.tern.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Applies units to the PostgreSQL journal with one call of the database function {@code tern_apply} per
 * group: the group's ops go as parallel arrays, in order, so that a group costs one round trip whatever its
 * size, and the function checks the lease's epoch before it writes anything. The rules are those of
 * {@link JournalWriter}; each unit ends with op 0, which deletes the messages whose last reference the unit
 * removed. Neither commits nor rolls back.
 *
 * <table>
 *   <caption>The arrays' columns per op</caption>
 *   <tr><th>op</th><th>code</th><th>ids</th><th>names</th><th>counts</th><th>bodies</th><th>texts</th><th>longs</th></tr>
 *   <tr><td>end of unit</td><td>0</td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>AddQueue</td><td>1</td><td></td><td>queue</td><td></td><td>record</td><td></td><td></td></tr>
 *   <tr><td>RemoveQueue</td><td>2</td><td></td><td>queue</td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>AddMessage</td><td>3</td><td>message</td><td></td><td></td><td>message</td><td></td><td></td></tr>
 *   <tr><td>AddReference</td><td>4</td><td>message</td><td>queue</td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>RemoveReference</td><td>5</td><td>message</td><td>queue</td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>DeleteMessage</td><td>6</td><td>message</td><td></td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>UpdateDeliveryCount</td><td>7</td><td>message</td><td>queue</td><td>count</td><td></td><td></td><td></td></tr>
 *   <tr><td>AddDuplicateId</td><td>8</td><td>sequence</td><td>address</td><td></td><td></td><td>ID</td><td>added at</td></tr>
 *   <tr><td>RemoveDuplicateId</td><td>9</td><td>sequence</td><td>address</td><td></td><td></td><td>ID</td><td></td></tr>
 *   <tr><td>PrepareBranch</td><td>10</td><td></td><td>branch key</td><td></td><td>branch</td><td></td><td></td></tr>
 *   <tr><td>RemoveBranch</td><td>11</td><td></td><td>branch key</td><td></td><td></td><td></td><td></td></tr>
 * </table>
 */
final class PostgresUnitWriter {

    private PostgresUnitWriter() {
    }

    /** Applies the units, in order, in the connection's transaction. */
    static void write(Connection connection, long epoch, List<PendingUnit> units) throws SQLException {
        int size = units.size();
        for (PendingUnit unit : units) {
            size += unit.ops().size();
        }
        Columns columns = new Columns(size);
        for (PendingUnit unit : units) {
            List<StoreOp> ops = unit.ops();
            for (int i = 0; i < ops.size(); i++) {
                columns.add(ops.get(i), unit.encoded()[i]);
            }
            columns.op[columns.next++] = 0;
        }
        try (PreparedStatement apply = connection.prepareStatement(
                "SELECT tern_apply(?, ?, ?, ?, ?, ?, ?, ?)")) {
            apply.setLong(1, epoch);
            apply.setArray(2, connection.createArrayOf("int2", columns.op));
            apply.setArray(3, connection.createArrayOf("int8", columns.ids));
            apply.setArray(4, connection.createArrayOf("text", columns.names));
            apply.setArray(5, connection.createArrayOf("int4", columns.counts));
            apply.setArray(6, connection.createArrayOf("bytea", columns.bodies));
            apply.setArray(7, connection.createArrayOf("text", columns.texts));
            apply.setArray(8, connection.createArrayOf("int8", columns.longs));
            apply.execute();
        }
    }

    /** The arrays of one call. */
    private static final class Columns {
        final Short[] op;
        final Long[] ids;
        final String[] names;
        final Integer[] counts;
        final byte[][] bodies;
        final String[] texts;
        final Long[] longs;
        int next;

        Columns(int size) {
            op = new Short[size];
            ids = new Long[size];
            names = new String[size];
            counts = new Integer[size];
            bodies = new byte[size][];
            texts = new String[size];
            longs = new Long[size];
        }

        void add(StoreOp storeOp, byte[] encoded) {
            int i = next++;
            if (storeOp instanceof StoreOp.AddQueue add) {
                set(i, 1, null, add.queue().name());
                bodies[i] = JournalRecords.encodeQueue(add.queue());
            } else if (storeOp instanceof StoreOp.RemoveQueue remove) {
                set(i, 2, null, remove.queueName());
            } else if (storeOp instanceof StoreOp.AddMessage add) {
                set(i, 3, add.messageId(), null);
                bodies[i] = encoded;
            } else if (storeOp instanceof StoreOp.AddReference add) {
                set(i, 4, add.messageId(), add.queueName());
            } else if (storeOp instanceof StoreOp.RemoveReference remove) {
                set(i, 5, remove.messageId(), remove.queueName());
            } else if (storeOp instanceof StoreOp.DeleteMessage delete) {
                set(i, 6, delete.messageId(), null);
            } else if (storeOp instanceof StoreOp.UpdateDeliveryCount update) {
                set(i, 7, update.messageId(), update.queueName());
                counts[i] = update.deliveryCount();
            } else if (storeOp instanceof StoreOp.AddDuplicateId add) {
                set(i, 8, add.sequence(), add.address());
                texts[i] = add.duplicateId();
                longs[i] = add.addedAt();
            } else if (storeOp instanceof StoreOp.RemoveDuplicateId remove) {
                set(i, 9, remove.sequence(), remove.address());
                texts[i] = remove.duplicateId();
            } else if (storeOp instanceof StoreOp.PrepareBranch prepare) {
                set(i, 10, null, BranchCodec.key(prepare.branch().id()));
                bodies[i] = encoded;
            } else if (storeOp instanceof StoreOp.RemoveBranch remove) {
                set(i, 11, null, BranchCodec.key(remove.id()));
            } else {
                throw new IllegalArgumentException("unknown store op " + storeOp);
            }
        }

        private void set(int i, int code, Long id, String name) {
            op[i] = (short) code;
            ids[i] = id;
            names[i] = name;
        }
    }
}
