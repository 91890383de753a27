package dev.tern.amqp.message;

/**
 * Walks AMQP 1.0 type encodings without decoding them, so that hostile input is refused before Proton-J
 * decodes it: every declared size and count must fit in the bytes given, and nesting stays shallow
 * (a deeply nested list would otherwise overflow the decoder's stack). The walk allocates nothing.
 */
final class EncodingCheck {

    /** Lists, maps, arrays and described values nested deeper than this are refused. */
    static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final int end;
    private int position;

    private EncodingCheck(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    /**
     * Checks that {@code bytes[offset, offset + length)} is a sequence of complete AMQP values (possibly none).
     *
     * @throws AmqpMappingException naming the first fault
     */
    static void check(byte[] bytes, int offset, int length) {
        if (bytes == null || offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new AmqpMappingException("no message bytes in the given range");
        }
        EncodingCheck check = new EncodingCheck(bytes, offset, length);
        while (check.position < check.end) {
            check.value(0);
        }
    }

    private void value(int depth) {
        int code = u8();
        if (code == 0x00) {
            described(depth);
        } else {
            payload(code, depth);
        }
    }

    private void described(int depth) {
        if (depth >= MAX_DEPTH) {
            throw fault("values nested deeper than " + MAX_DEPTH);
        }
        value(depth + 1);
        value(depth + 1);
    }

    /** Skips the payload of a value whose constructor is {@code code}. */
    private void payload(int code, int depth) {
        switch (code) {
            case 0x40, 0x41, 0x42, 0x43, 0x44, 0x45 -> { }
            case 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56 -> skip(1);
            case 0x60, 0x61 -> skip(2);
            case 0x70, 0x71, 0x72, 0x73, 0x74 -> skip(4);
            case 0x80, 0x81, 0x82, 0x83, 0x84 -> skip(8);
            case 0x94, 0x98 -> skip(16);
            case 0xa0, 0xa1, 0xa3 -> skip(u8());
            case 0xb0, 0xb1, 0xb3 -> skip(size32());
            case 0xc0 -> compound(u8(), 1, false, depth);
            case 0xc1 -> compound(u8(), 1, true, depth);
            case 0xd0 -> compound(size32(), 4, false, depth);
            case 0xd1 -> compound(size32(), 4, true, depth);
            case 0xe0 -> array(u8(), 1, depth);
            case 0xf0 -> array(size32(), 4, depth);
            default -> throw fault(String.format("unknown type code 0x%02x", code));
        }
    }

    private void compound(int size, int countWidth, boolean map, int depth) {
        if (depth >= MAX_DEPTH) {
            throw fault("values nested deeper than " + MAX_DEPTH);
        }
        int limit = limitFor(size);
        long count = countWidth == 1 ? u8() : u32();
        if (map && count % 2 != 0) {
            throw fault("a map with an odd number of elements");
        }
        if (count > limit - position) {
            throw fault("a count of " + count + " elements in " + (limit - position) + " bytes");
        }
        for (long i = 0; i < count; i++) {
            value(depth + 1);
            if (position > limit) {
                throw fault("elements overrun their list or map");
            }
        }
        if (position != limit) {
            throw fault("a list or map whose size does not match its elements");
        }
    }

    private void array(int size, int countWidth, int depth) {
        if (depth >= MAX_DEPTH) {
            throw fault("values nested deeper than " + MAX_DEPTH);
        }
        int limit = limitFor(size);
        long count = countWidth == 1 ? u8() : u32();
        int code = u8();
        if (code == 0x00) {
            value(depth + 1);
            code = u8();
        }
        if (count > limit - position) {
            throw fault("an array of " + count + " elements in " + (limit - position) + " bytes");
        }
        for (long i = 0; i < count; i++) {
            payload(code, depth + 1);
            if (position > limit) {
                throw fault("elements overrun their array");
            }
        }
        if (position != limit) {
            throw fault("an array whose size does not match its elements");
        }
    }

    private int limitFor(int size) {
        if (size > end - position) {
            throw fault("a size of " + size + " bytes with " + (end - position) + " left");
        }
        return position + size;
    }

    private int size32() {
        long size = u32();
        if (size > end - position) {
            throw fault("a size of " + size + " bytes with " + (end - position) + " left");
        }
        return (int) size;
    }

    private void skip(int n) {
        if (n > end - position) {
            throw fault("a value needs " + n + " bytes with " + (end - position) + " left");
        }
        position += n;
    }

    private int u8() {
        if (position >= end) {
            throw fault("the message ends inside a value");
        }
        return bytes[position++] & 0xff;
    }

    private long u32() {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | u8();
        }
        return value;
    }

    private AmqpMappingException fault(String what) {
        return new AmqpMappingException("malformed AMQP message: " + what);
    }
}
