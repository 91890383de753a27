package dev.tern.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.protocol.AckMode;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Broker#backup}: a copy taken while messages are sent opens as a journal holding every one sent before. */
@Timeout(120)
class BrokerBackupTest {

    @TempDir
    Path dir;

    @Test
    void aBackupTakenUnderLoadHoldsEverySendThatReturnedBeforeItBegan() throws Exception {
        Path backup = dir.resolve("backup.zip");
        List<String> sentBefore;
        List<String> sentInAll = new CopyOnWriteArrayList<>();
        try (Broker broker = Broker.start(BrokerConfig.named("backup-live").withDataDir(dir.resolve("live")))) {
            RecordingClient client = RecordingClient.connectedTo(broker);
            client.call(id -> new Command.OpenConnection(id, null, null, null));
            client.call(id -> new Command.CreateSession(id, 1, AckMode.AUTO));
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread producer = new Thread(() -> {
                for (int i = 0; sending.get(); i++) {
                    String id = "ID:m-" + i;
                    client.call(request -> new Command.Send(request, 1, message(id)));
                    sentInAll.add(id);
                }
            }, "backup-test-producer");
            producer.start();
            while (sentInAll.size() < 50) {
                Thread.onSpinWait();
            }
            sentBefore = List.copyOf(sentInAll);
            broker.backup(backup).get(60, TimeUnit.SECONDS);
            sending.set(false);
            producer.join(TimeUnit.SECONDS.toMillis(30));
        }

        Path restored = unzip(backup, dir.resolve("restored"));
        try (Broker copy = Broker.start(BrokerConfig.named("backup-restored").withDataDir(restored))) {
            Set<String> ids = new HashSet<>();
            copy.postOffice().queue("orders").browse().forEach(ref -> ids.add(ref.message().record().messageId()));
            assertThat(ids).containsAll(sentBefore);
            assertThat(sentInAll).containsAll(ids);
            assertThat(copy.messageCount("orders").orElseThrow()).isEqualTo(ids.size());
        }
    }

    @Test
    void aBackupNeverOverwritesAFileAndABrokerInMemoryHasNothingToBackUp() throws Exception {
        Path existing = Files.writeString(dir.resolve("taken.zip"), "keep me");
        try (Broker broker = Broker.start(BrokerConfig.named("backup-refused").withDataDir(dir.resolve("data")))) {
            assertThatThrownBy(() -> broker.backup(existing).join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(BrokerException.class).hasMessageContaining("taken.zip");
        }
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        try (Broker broker = Broker.start(BrokerConfig.named("backup-named").withDataDir(dir.resolve("data2")))) {
            assertThatThrownBy(() -> broker.backup(dir.resolve("backup.tar")).join()).cause()
                    .isInstanceOf(BrokerException.class).hasMessageContaining(".zip");
        }
        assertThat(dir.resolve("backup.tar")).doesNotExist();
        try (Broker memory = Broker.start(BrokerConfig.named("backup-memory").withPersistent(false))) {
            assertThatThrownBy(() -> memory.backup(dir.resolve("none.zip")).join()).cause()
                    .isInstanceOf(BrokerException.class).hasMessageContaining("in memory");
        }
    }

    private static MessageRecord message(String id) {
        return new MessageRecord(id, DestinationName.queue("orders"), 0, null, null, null, true, 4, 0, 0, Map.of(),
                BodyType.BYTES, "x".repeat(512).getBytes(StandardCharsets.UTF_8));
    }

    /** Unzips the backup into a data directory, as an operator restoring it would. */
    private static Path unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Files.copy(entries, target.resolve(Path.of(entry.getName()).getFileName()));
            }
        }
        return target;
    }
}
