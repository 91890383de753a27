package dev.tern.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artemis's libaio binding ({@code libartemis-native-64.so}, inside the activemq-artemis-native jar) copied out
 * to a directory, which a JVM then gets on its {@code java.library.path}, as an installed broker's start
 * script puts its {@code bin/lib/linux-x86_64}. Artemis loads the binding only from that path; without it
 * Artemis can use no ASYNCIO journal, whatever the machine offers.
 */
final class ArtemisNativeLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisNativeLibrary.class);
    private static final String RESOURCE = "lib/linux-x86_64/libartemis-native-64.so";

    private ArtemisNativeLibrary() {
    }

    /**
     * Copies the binding into {@code dir} if this is x86-64 Linux and the class path holds it.
     *
     * @return the directory holding it, or empty if there is none for this machine
     */
    static Optional<Path> copyTo(Path dir) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        try (InputStream in = ArtemisNativeLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Files.createDirectories(dir);
            Files.copy(in, dir.resolve(Path.of(RESOURCE).getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(dir);
    }

    /**
     * The binding copied under {@code workDir} and a {@code -Djava.library.path} option that puts it before this
     * JVM's own library path, for a child JVM (the same option whichever broker it runs); empty if there is
     * no binding for this machine or it could not be copied.
     */
    static Optional<String> libraryPathOption(Path workDir) {
        Path dir = workDir.resolve("artemis-native");
        try {
            return copyTo(dir).map(copied -> {
                String own = System.getProperty("java.library.path", "");
                return "-Djava.library.path=" + copied.toAbsolutePath() + (own.isEmpty() ? "" : File.pathSeparator + own);
            });
        } catch (IOException e) {
            LOG.warn("Could not copy Artemis's libaio binding to {}; Artemis will use the NIO journal: {}", dir,
                    e.toString());
            return Optional.empty();
        }
    }
}
