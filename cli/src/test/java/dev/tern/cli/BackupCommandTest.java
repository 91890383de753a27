package dev.tern.cli;

import static dev.tern.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import java.nio.file.Path;
import java.util.Collections;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tern backup FILE} against a running persistent broker. */
@Timeout(60)
class BackupCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheJournalIntoANewZipAndRefusesToOverwriteIt() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.named("cli-backup-" + UUID.randomUUID())
                .withDataDir(dir.resolve("data")).withTcpPort(0))) {
            String url = "tcp://localhost:" + broker.tcpPort();
            run("produce", "--url", url, "--destination", "queue://orders", "--count", "3");
            Path backup = dir.resolve("tern.zip");

            CliRun done = run("backup", backup.toString(), "--url", url);
            assertThat(done.exitCode()).as(done.err()).isZero();
            assertThat(done.out()).contains("Backed up to " + backup);
            try (ZipFile zip = new ZipFile(backup.toFile())) {
                assertThat(Collections.list(zip.entries())).extracting(entry -> entry.getName())
                        .containsExactly("tern-journal.mv");
            }

            CliRun again = run("backup", backup.toString(), "--url", url);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("tern.zip");
        }
    }
}
