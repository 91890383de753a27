package dev.tern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Artemis's libaio binding ({@code libartemis-native-64.so}, inside the activemq-artemis-native jar) copied out
 * to a directory, which a JVM then gets on its {@code java.library.path}, as an installed broker's start
 * script puts its {@code bin/lib/linux-x86_64}. Artemis loads the binding only from that path; without it
 * Artemis can use no ASYNCIO journal, whatever the machine offers.
 */
final class ArtemisNativeLibrary {

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

    /** A {@code -Djava.library.path} option that puts {@code dir} before this JVM's own library path. */
    static String libraryPathOption(Path dir) {
        String own = System.getProperty("java.library.path", "");
        return "-Djava.library.path=" + dir.toAbsolutePath() + (own.isEmpty() ? "" : java.io.File.pathSeparator + own);
    }
}
