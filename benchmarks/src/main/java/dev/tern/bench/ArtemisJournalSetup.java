package dev.tern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.nativo.jlibaio.LibaioContext;

/**
 * How an embedded Artemis's journal is set up: its type, how long its write buffer waits before a sync,
 * and how many writes may be in flight.
 *
 * <p>{@link #asInstallerTunes} does what {@code artemis create} does for a new broker instance: ASYNCIO when
 * the libaio binding loads and the data directory accepts direct I/O, otherwise NIO; the buffer timeout is
 * the disk's measured 4 KiB write-and-force time ({@link SyncProbe}); at most {@value #AIO_MAX_IO} writes in
 * flight for AIO, one for NIO. {@link #untuned} is the embedded default: NIO with its 3.33 ms timeout.
 *
 * @param type NIO or ASYNCIO
 * @param bufferTimeoutNanos the write buffer's timeout, in nanoseconds
 * @param maxIo most writes in flight
 */
record ArtemisJournalSetup(JournalType type, int bufferTimeoutNanos, int maxIo) {

    /** The figure naming the buffer timeout in results, in microseconds. */
    static final String TIMEOUT_METRIC = "journal timeout us";
    /** The figure naming the journal type in results: 1 for ASYNCIO, 0 for NIO. */
    static final String AIO_METRIC = "journal aio";

    static final int AIO_MAX_IO = 4096;

    /** Measures the disk under {@code journalDir} and chooses as {@code artemis create} does. */
    static ArtemisJournalSetup asInstallerTunes(Path journalDir) throws IOException {
        Files.createDirectories(journalDir);
        int timeout = (int) Math.min(Integer.MAX_VALUE, SyncProbe.bestSyncNanos(journalDir));
        return aioUsable(journalDir)
                ? new ArtemisJournalSetup(JournalType.ASYNCIO, timeout, AIO_MAX_IO)
                : new ArtemisJournalSetup(JournalType.NIO, timeout, 1);
    }

    /** Artemis's embedded defaults, which nobody installing a broker with {@code artemis create} gets. */
    static ArtemisJournalSetup untuned() {
        return new ArtemisJournalSetup(JournalType.NIO, ActiveMQDefaultConfiguration.getDefaultJournalBufferTimeoutNio(),
                ActiveMQDefaultConfiguration.getDefaultJournalMaxIoNio());
    }

    private static boolean aioUsable(Path journalDir) {
        try {
            return LibaioContext.isLoaded() && AIOSequentialFileFactory.isSupported(journalDir.toFile());
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Sets the journal type, buffer timeout and writes in flight on {@code config}. */
    void applyTo(Configuration config) {
        config.setJournalType(type);
        if (type == JournalType.ASYNCIO) {
            config.setJournalBufferTimeout_AIO(bufferTimeoutNanos).setJournalMaxIO_AIO(maxIo);
        } else {
            config.setJournalBufferTimeout_NIO(bufferTimeoutNanos).setJournalMaxIO_NIO(maxIo);
        }
    }

    /** The setup as result figures: {@value #TIMEOUT_METRIC} and {@value #AIO_METRIC}. */
    Map<String, Double> figures() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(TIMEOUT_METRIC, bufferTimeoutNanos / 1e3);
        figures.put(AIO_METRIC, type == JournalType.ASYNCIO ? 1.0 : 0.0);
        return figures;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s journal, buffer timeout %.1f us, max IO %d", type,
                bufferTimeoutNanos / 1e3, maxIo);
    }
}
