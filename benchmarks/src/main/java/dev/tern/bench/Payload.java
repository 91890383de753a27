package dev.tern.bench;

import java.util.Random;

/** Message bodies of a fixed size with fixed pseudo-random content, the same for every broker. */
final class Payload {

    /** The body size every scenario sends. */
    static final int ONE_KIB = 1024;

    private Payload() {
    }

    static byte[] ofSize(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
