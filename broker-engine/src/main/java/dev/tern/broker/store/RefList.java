package dev.tern.broker.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The queues that hold one stored message, each with the message's delivery count there: the value
 * of the journal's {@code refs} map, keyed by message ID. Immutable; almost always of one entry.
 *
 * <p>Encoded as an int count, then per queue the UTF-8 name's length (int), the name and the
 * delivery count (int).
 */
final class RefList {

    static final RefList EMPTY = new RefList(new String[0], new int[0]);

    private final String[] queueNames;
    private final int[] deliveryCounts;

    private RefList(String[] queueNames, int[] deliveryCounts) {
        this.queueNames = queueNames;
        this.deliveryCounts = deliveryCounts;
    }

    int size() {
        return queueNames.length;
    }

    boolean isEmpty() {
        return queueNames.length == 0;
    }

    String queueName(int index) {
        return queueNames[index];
    }

    int deliveryCount(int index) {
        return deliveryCounts[index];
    }

    /** The position of the queue in this list, or -1. */
    int indexOf(String queueName) {
        for (int i = 0; i < queueNames.length; i++) {
            if (queueNames[i].equals(queueName)) {
                return i;
            }
        }
        return -1;
    }

    /** This list with the queue added; the caller checks it is not present yet. */
    RefList with(String queueName, int deliveryCount) {
        String[] names = Arrays.copyOf(queueNames, queueNames.length + 1);
        int[] counts = Arrays.copyOf(deliveryCounts, deliveryCounts.length + 1);
        names[queueNames.length] = queueName;
        counts[queueNames.length] = deliveryCount;
        return new RefList(names, counts);
    }

    /** This list without the entry at {@code index}. */
    RefList without(int index) {
        String[] names = new String[queueNames.length - 1];
        int[] counts = new int[names.length];
        System.arraycopy(queueNames, 0, names, 0, index);
        System.arraycopy(queueNames, index + 1, names, index, names.length - index);
        System.arraycopy(deliveryCounts, 0, counts, 0, index);
        System.arraycopy(deliveryCounts, index + 1, counts, index, counts.length - index);
        return new RefList(names, counts);
    }

    /** This list with the delivery count at {@code index} replaced. */
    RefList withDeliveryCount(int index, int deliveryCount) {
        int[] counts = deliveryCounts.clone();
        counts[index] = deliveryCount;
        return new RefList(queueNames, counts);
    }

    byte[] encode() {
        byte[][] names = new byte[queueNames.length][];
        int size = Integer.BYTES;
        for (int i = 0; i < names.length; i++) {
            names[i] = queueNames[i].getBytes(StandardCharsets.UTF_8);
            size += 2 * Integer.BYTES + names[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(names.length);
        for (int i = 0; i < names.length; i++) {
            buffer.putInt(names[i].length).put(names[i]).putInt(deliveryCounts[i]);
        }
        return buffer.array();
    }

    static RefList decode(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        int size = buffer.getInt();
        String[] names = new String[size];
        int[] counts = new int[size];
        for (int i = 0; i < size; i++) {
            byte[] name = new byte[buffer.getInt()];
            buffer.get(name);
            names[i] = new String(name, StandardCharsets.UTF_8);
            counts[i] = buffer.getInt();
        }
        return new RefList(names, counts);
    }
}
