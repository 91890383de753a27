package dev.tern.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates and deletes the brokers' per-run data directories, and the JMH benchmarks' journals. */
public final class DataDirs {

    private DataDirs() {
    }

    /** Deletes {@code dir} if it exists and creates it empty. */
    static void recreate(Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
    }

    /** Deletes {@code dir} and everything under it; does nothing if it does not exist. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
