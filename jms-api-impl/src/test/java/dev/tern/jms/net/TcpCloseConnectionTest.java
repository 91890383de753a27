package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A CloseConnection pipelined behind commands still waiting for the journal is answered after them. */
@Timeout(60)
class TcpCloseConnectionTest {

    private static final int SENDS = 20;
    private static final long FIRST_SEND = 10;

    private final String name = "close-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;

    @BeforeEach
    void startBroker(@TempDir Path dataDir) {
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(true).withDataDir(dataDir)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void everyPersistentSendIsAnsweredBeforeTheCloseThatFollowsIt() throws Exception {
        DestinationName queue = DestinationName.queue("journaled");
        try (RawClient raw = RawClient.connect(broker.tcpPort())) {
            assertThat(raw.call(new Command.OpenConnection(1, null, null, null))).isEqualTo(new Event.Ok(1));
            assertThat(raw.call(new Command.CreateSession(2, 1, AckMode.AUTO))).isEqualTo(new Event.Ok(2));
            List<Command> pipelined = new ArrayList<>();
            for (long requestId = FIRST_SEND; requestId < FIRST_SEND + SENDS; requestId++) {
                pipelined.add(new Command.Send(requestId, 1, RawClient.textMessage(queue, "m" + requestId, true)));
            }
            long close = FIRST_SEND + SENDS;
            pipelined.add(new Command.CloseConnection(close));

            raw.send(pipelined.toArray(Command[]::new));
            raw.answerTo(close);

            List<Event> answers = raw.received().stream().filter(event -> event instanceof Event.Answer).toList();
            List<Event> expected = new ArrayList<>();
            LongStream.range(FIRST_SEND, FIRST_SEND + SENDS).forEach(requestId -> expected.add(new Event.Ok(requestId)));
            expected.add(new Event.Ok(close));
            assertThat(answers.subList(2, answers.size())).as("answers after the session's, in arrival order")
                    .containsExactlyElementsOf(expected);
        }
        assertThat(broker.messageCount("journaled")).hasValue(SENDS);
    }
}
