package dev.tern.amqp.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.qpid.proton.codec.ReadableBuffer;
import org.apache.qpid.proton.codec.WritableBuffer;

/** A WritableBuffer over a byte array that grows as the encoder writes; {@link #toByteArray()} gives what was written. */
final class GrowableBuffer implements WritableBuffer {

    private byte[] data;
    private int position;
    private int written;

    GrowableBuffer(int initialCapacity) {
        data = new byte[Math.max(64, initialCapacity)];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, written);
    }

    private void ensure(int more) {
        int needed = position + more;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
    }

    private void advance(int n) {
        position += n;
        written = Math.max(written, position);
    }

    @Override
    public void put(byte b) {
        ensure(1);
        data[position] = b;
        advance(1);
    }

    @Override
    public void putFloat(float f) {
        putInt(Float.floatToRawIntBits(f));
    }

    @Override
    public void putDouble(double d) {
        putLong(Double.doubleToRawLongBits(d));
    }

    @Override
    public void put(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, data, position, length);
        advance(length);
    }

    @Override
    public void putShort(short s) {
        ensure(2);
        data[position] = (byte) (s >> 8);
        data[position + 1] = (byte) s;
        advance(2);
    }

    @Override
    public void putInt(int i) {
        ensure(4);
        for (int k = 0; k < 4; k++) {
            data[position + k] = (byte) (i >> (24 - 8 * k));
        }
        advance(4);
    }

    @Override
    public void putLong(long l) {
        ensure(8);
        for (int k = 0; k < 8; k++) {
            data[position + k] = (byte) (l >> (56 - 8 * k));
        }
        advance(8);
    }

    @Override
    public boolean hasRemaining() {
        return true;
    }

    @Override
    public void ensureRemaining(int remaining) {
        ensure(remaining);
    }

    @Override
    public int remaining() {
        return Integer.MAX_VALUE - position;
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void position(int newPosition) {
        ensure(newPosition - position);
        position = newPosition;
    }

    @Override
    public void put(ByteBuffer payload) {
        int length = payload.remaining();
        ensure(length);
        payload.get(data, position, length);
        advance(length);
    }

    @Override
    public void put(ReadableBuffer payload) {
        int length = payload.remaining();
        ensure(length);
        payload.get(data, position, length);
        advance(length);
    }

    @Override
    public int limit() {
        return Integer.MAX_VALUE;
    }
}
