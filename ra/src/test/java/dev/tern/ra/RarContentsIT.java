package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Runs after {@code package}: the .rar holds the descriptor, the adapter and the client, and no Jakarta API. */
class RarContentsIT {

    @Test
    void theRarHoldsTheAdapterTheClientAndNoJakartaApi() throws Exception {
        try (ZipFile rar = new ZipFile(Path.of("target/tern-ra.rar").toFile())) {
            List<String> entries = rar.stream().map(entry -> entry.getName()).toList();
            assertThat(entries).contains("META-INF/ra.xml");
            assertThat(entries).anyMatch(name -> name.equals("tern-ra.jar"));
            assertThat(entries).anyMatch(name -> name.matches("tern-jms-api-impl-.*\\.jar"));
            assertThat(entries).anyMatch(name -> name.matches("tern-protocol-.*\\.jar"));
            assertThat(entries).anyMatch(name -> name.matches("netty-transport-.*\\.jar"));
            assertThat(entries).anyMatch(name -> name.matches("netty-handler-.*\\.jar"));
            assertThat(entries).anyMatch(name -> name.matches("slf4j-api-.*\\.jar"));
            assertThat(entries).as("the server has the Jakarta APIs").noneMatch(name -> name.contains("jakarta"));
            assertThat(entries).noneMatch(name -> name.startsWith("tern-broker-engine") || name.startsWith("slf4j-simple")
                    || name.startsWith("junit") || name.startsWith("h2-"));
        }
    }
}
