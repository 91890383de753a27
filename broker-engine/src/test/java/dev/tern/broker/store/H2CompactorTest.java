package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compactor reaches into H2's engine classes; an H2 upgrade that moves them must fail here, not silently. */
class H2CompactorTest {

    @Test
    void reachesTheStoreOfTheEmbeddedDatabase(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection(H2MessageStore.jdbcUrl(dir), "sa", "")) {
            H2Compactor compactor = H2Compactor.of(connection);

            assertThat(compactor.isEnabled()).isTrue();
            compactor.afterCommit();
        }
    }
}
