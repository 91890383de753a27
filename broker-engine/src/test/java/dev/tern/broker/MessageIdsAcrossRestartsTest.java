package dev.tern.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.core.Journal;
import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.core.ServerMessage;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's internal message IDs keep rising across restarts, whatever the journal still references. */
class MessageIdsAcrossRestartsTest {

    @TempDir
    Path dataDir;

    @Test
    void idsGoOnAboveEveryIdStoredBeforeEvenWhenNothingIsReferencedAnyMore() {
        long lastStored;
        try (Broker broker = start()) {
            lastStored = sendAndAcknowledge(broker, 3);
        }

        try (Broker restarted = start()) {
            assertThat(restarted.nextMessageId()).isGreaterThan(lastStored);
        }
    }

    @Test
    void idsGoOnAboveTheHighestReferencedOneToo() {
        long referenced;
        try (Broker broker = start()) {
            sendAndAcknowledge(broker, 2);
            referenced = send(broker, broker.postOffice().pointToPointQueue(DestinationName.queue("kept"))).id();
        }

        try (Broker restarted = start()) {
            assertThat(restarted.messageCount("kept")).hasValue(1);
            assertThat(restarted.nextMessageId()).isGreaterThan(referenced);
        }
    }

    private Broker start() {
        return Broker.start(BrokerConfig.named("ids").withDataDir(dataDir));
    }

    /** Sends persistent messages to a queue and acknowledges them, leaving the journal without references. */
    private static long sendAndAcknowledge(Broker broker, int count) {
        MessageQueue queue = broker.postOffice().pointToPointQueue(DestinationName.queue("orders"));
        long last = 0;
        for (int i = 0; i < count; i++) {
            last = send(broker, queue).id();
        }
        broker.journal().commit(List.of(), queue.takeWaiting(ref -> true)).join();
        return last;
    }

    private static ServerMessage send(Broker broker, MessageQueue queue) {
        MessageRecord record = new MessageRecord(null, DestinationName.queue(queue.name()), 1, null, null, null, true, 4,
                0, 0, Map.of(), BodyType.NONE, null);
        ServerMessage message = new ServerMessage(broker.nextMessageId(), record, 0);
        broker.journal().commit(List.of(new Journal.RoutedMessage(message, List.of(queue))), List.of()).join();
        return message;
    }
}
