package dev.tern.broker.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * For end-to-end tests: an {@link H2MessageStore} whose journal file can stop taking writes, as on a full
 * disk or a file system remounted read-only, and take them again. The file is opened through an H2 file
 * system, {@code failing:}, over the real disk, the seam the store offers its own tests (which have a
 * fuller version of this, {@code FaultyFileSystem}, that also counts forces).
 *
 * <p>H2 makes a new instance of this class for every path, by reflection, so the state lives in a map
 * keyed by the journal's path.
 */
public final class FailingDisk extends FilePathWrapper {

    private static final String SCHEME = "failing";
    /** Journal file path to the OS message its writes fail with, for those that fail now. */
    private static final Map<String, String> FAILURES = new ConcurrentHashMap<>();

    static {
        FilePath.register(new FailingDisk());
    }

    /** For H2, which creates instances by reflection. */
    public FailingDisk() {
    }

    /** A store in {@code directory} whose writes fail while {@link #failWrites} says so. */
    public static MessageStore store(Path directory, String name) {
        return new H2MessageStore(directory, name, SCHEME + ":");
    }

    /** From now on, writes to the journal in {@code directory} fail with an IOException with this message. */
    public static void failWrites(Path directory, String osMessage) {
        FAILURES.put(journal(directory), osMessage);
    }

    /** Writes to the journal in {@code directory} succeed again. */
    public static void heal(Path directory) {
        FAILURES.remove(journal(directory));
    }

    private static String journal(Path directory) {
        return directory.resolve(JournalMaps.FILE_NAME).toAbsolutePath().normalize().toString();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(super.open(mode), Path.of(getBase().toString()).toAbsolutePath().normalize().toString());
    }

    /** The real channel, failing its writes while the file's entry in {@link #FAILURES} says so. */
    private static final class Channel extends FileBase {
        private final FileChannel channel;
        private final String file;

        Channel(FileChannel channel, String file) {
            this.channel = channel;
            this.file = file;
        }

        private void checkWritable() throws IOException {
            String failure = FAILURES.get(file);
            if (failure != null) {
                throw new IOException(failure);
            }
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
            checkWritable();
            return channel.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkWritable();
            return channel.write(src, position);
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
            checkWritable();
            channel.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            channel.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }
    }
}
