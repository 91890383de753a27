package dev.tern.broker.store;

import java.util.Arrays;

/**
 * A first-in first-out list of {@code long}s in one array, 8 bytes per element: message IDs by the
 * million without a boxed object each. Not thread-safe.
 */
public final class LongList {

    private long[] elements = new long[16];
    private int head;
    private int tail;

    public void add(long value) {
        if (tail == elements.length) {
            makeRoom(1);
        }
        elements[tail++] = value;
    }

    public void addAll(long[] values) {
        if (tail + values.length > elements.length) {
            makeRoom(values.length);
        }
        System.arraycopy(values, 0, elements, tail, values.length);
        tail += values.length;
    }

    /** Puts values back in front, in their order, as if they had never been taken. */
    public void addFirst(long[] values) {
        long[] rest = toArray();
        head = 0;
        tail = 0;
        elements = new long[Math.max(16, values.length + rest.length)];
        addAll(values);
        addAll(rest);
    }

    /** Removes and returns up to {@code max} values from the front. */
    public long[] takeFirst(int max) {
        int count = Math.min(max, size());
        long[] taken = Arrays.copyOfRange(elements, head, head + count);
        head += count;
        if (head == tail) {
            clear();
        }
        return taken;
    }

    public int size() {
        return tail - head;
    }

    public boolean isEmpty() {
        return head == tail;
    }

    public void clear() {
        head = 0;
        tail = 0;
        if (elements.length > 1024) {
            elements = new long[16];
        }
    }

    public long[] toArray() {
        return Arrays.copyOfRange(elements, head, tail);
    }

    private void makeRoom(int extra) {
        int size = size();
        int needed = size + extra;
        long[] target = needed <= elements.length / 2 ? elements : new long[Math.max(needed, elements.length * 2)];
        System.arraycopy(elements, head, target, 0, size);
        elements = target;
        head = 0;
        tail = size;
    }
}
