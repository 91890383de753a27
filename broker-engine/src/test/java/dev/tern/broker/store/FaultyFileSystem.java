package dev.tern.broker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system for tests, {@code faulty:}, over the real disk: a journal opened through it (see
 * {@link #prefix()}) has a {@link Disk} that counts the writes and forces that reach the file's channel,
 * can hold forces until the test lets them pass, and can fail writes or forces the way a full disk, a
 * read-only file system or a failing device does.
 *
 * <p>H2 makes a new instance of this class for every path, by reflection, so the disks live in a map
 * keyed by the file's path rather than in the instances.
 */
public final class FaultyFileSystem extends FilePathWrapper {

    private static final String SCHEME = "faulty";
    private static final Map<String, Disk> DISKS = new ConcurrentHashMap<>();

    static {
        FilePath.register(new FaultyFileSystem());
    }

    /** For H2, which creates instances by reflection. */
    public FaultyFileSystem() {
    }

    /** What to pass to {@link H2MessageStore}'s seam to open its journal through this file system. */
    static String prefix() {
        return SCHEME + ":";
    }

    /**
     * A store in {@code directory} whose journal goes through this file system, for tests outside this
     * package (this test class ships in broker-engine's test jar).
     */
    public static MessageStore store(Path directory, String name) {
        return new H2MessageStore(directory, name, prefix());
    }

    /** The disk behind the journal in this store directory. */
    public static Disk journalDisk(Path directory) {
        return disk(directory.resolve(JournalMaps.FILE_NAME));
    }

    /** The disk behind the file at this path, created on first use; it keeps its state across reopenings. */
    static Disk disk(Path file) {
        return DISKS.computeIfAbsent(file.toAbsolutePath().normalize().toString(), path -> new Disk());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new FaultyChannel(super.open(mode), disk(Path.of(getBase().toString())));
    }

    /** One file's faults and counters. */
    public static final class Disk {
        private final AtomicLong writes = new AtomicLong();
        private final AtomicLong forces = new AtomicLong();
        private final AtomicInteger forcesWaiting = new AtomicInteger();
        private volatile long writesBeforeLastForce = -1;
        private volatile Semaphore heldForces;
        private volatile String writeFailure;
        private volatile String forceFailure;

        /** Writes that reached the file so far. */
        long writes() {
            return writes.get();
        }

        /** Forces ({@code FileChannel.force}) that completed so far. */
        long forces() {
            return forces.get();
        }

        /** How many writes had reached the file when the last completed force began; -1 before any. */
        long writesBeforeLastForce() {
            return writesBeforeLastForce;
        }

        /** From now on each force waits for {@link #allowForces} (at most 30 s, then fails). */
        void holdForces() {
            heldForces = new Semaphore(0);
        }

        /** Lets this many held forces through. */
        void allowForces(int count) {
            heldForces.release(count);
        }

        /** Stops holding forces and lets every waiting one through. */
        void releaseForces() {
            Semaphore held = heldForces;
            heldForces = null;
            if (held != null) {
                held.release(Integer.MAX_VALUE / 2);
            }
        }

        /** Forces waiting for {@link #allowForces} now. */
        int forcesWaiting() {
            return forcesWaiting.get();
        }

        /** Writes fail from now on with an {@link IOException} with this message, as the OS reports it. */
        public void failWrites(String osMessage) {
            writeFailure = osMessage;
        }

        /** Forces fail from now on with an {@link IOException} with this message. */
        void failForces(String osMessage) {
            forceFailure = osMessage;
        }

        /** Writes and forces succeed again. */
        public void heal() {
            writeFailure = null;
            forceFailure = null;
        }

        void beforeWrite() throws IOException {
            String failure = writeFailure;
            if (failure != null) {
                throw new IOException(failure);
            }
        }

        void force(FileChannel channel, boolean metaData) throws IOException {
            long writesBefore = writes.get();
            Semaphore held = heldForces;
            if (held != null) {
                forcesWaiting.incrementAndGet();
                try {
                    if (!held.tryAcquire(30, TimeUnit.SECONDS)) {
                        throw new IOException("force held for 30 s by the test");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the test held the force", e);
                } finally {
                    forcesWaiting.decrementAndGet();
                }
            }
            String failure = forceFailure;
            if (failure != null) {
                throw new IOException(failure);
            }
            channel.force(metaData);
            writesBeforeLastForce = writesBefore;
            forces.incrementAndGet();
        }
    }

    /** The real channel, with the disk's faults and counters in front of its writes and forces. */
    private static final class FaultyChannel extends FileBase {
        private final FileChannel channel;
        private final Disk disk;

        FaultyChannel(FileChannel channel, Disk disk) {
            this.channel = channel;
            this.disk = disk;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            disk.beforeWrite();
            int written = channel.write(src);
            disk.writes.incrementAndGet();
            return written;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            disk.beforeWrite();
            int written = channel.write(src, position);
            disk.writes.incrementAndGet();
            return written;
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            disk.beforeWrite();
            channel.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            disk.force(channel, metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return channel.lock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }

        @Override
        public String toString() {
            return channel.toString();
        }
    }
}
