package dev.tern.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Measures how long the disk under a directory takes to write and force one 4 KiB block: the fastest of a
 * few tries, which is what a journal's write buffer should wait for before it syncs. Self-contained (JDK
 * only), because {@link ArtemisAmqpServer} runs it on a class path that holds nothing else of the harness.
 */
public final class SyncProbe {

    static final int BLOCK_BYTES = 4096;
    static final int TRIES = 5;

    private SyncProbe() {
    }

    /** The fastest of {@value #TRIES} 4 KiB write-and-force rounds on a scratch file in {@code dir}, in nanoseconds. */
    public static long bestSyncNanos(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path probe = dir.resolve("sync-probe");
        long best = Long.MAX_VALUE;
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
            for (int i = 0; i < TRIES; i++) {
                block.clear();
                long start = System.nanoTime();
                channel.write(block, (long) i * BLOCK_BYTES);
                channel.force(false);
                best = Math.min(best, System.nanoTime() - start);
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        return best;
    }
}
