package dev.tern.ra.glassfish;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds the archives the tests deploy. */
public final class Deployments {

    private Deployments() {
    }

    /**
     * A web application named {@code name.war} holding these classes, with the plain Tern client and
     * Netty in {@code WEB-INF/lib}. Starts the test broker, so that its URL is known before deployment.
     */
    public static WebArchive webAppWithTernClient(String name, Class<?>... classes) {
        TestBroker.url();
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClass(TestBroker.class)
                .addAsLibraries(clientLibraries());
    }

    /** The jars of the plain Tern client, copied by the build to the directory in {@code tern.clientLib}. */
    static File[] clientLibraries() {
        Path dir = Path.of(System.getProperty("tern.clientLib", "target/client-lib"));
        try (Stream<Path> jars = Files.list(dir)) {
            File[] files = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toArray(File[]::new);
            if (files.length == 0) {
                throw new IllegalStateException("No client jars in " + dir.toAbsolutePath() + "; run the build's process-test-resources");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
