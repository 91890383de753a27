package dev.tern.jms.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import dev.tern.protocol.AckMode;
import dev.tern.protocol.Command;
import dev.tern.protocol.ConsumerSpec;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.ErrorCode;
import dev.tern.protocol.Event;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary destinations belong to their connection, whatever another client puts in its frames: a
 * plain queue or topic cannot be named so that it reaches one, another connection can only send to
 * one, and only admins see them in the statistics.
 */
@Timeout(60)
class TcpTemporaryDestinationTest {

    private final String name = "temporary-" + UUID.randomUUID().toString().substring(0, 8);
    private Broker broker;
    private Connection owner;

    @BeforeEach
    void startBroker(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "alice = secret\nbob = hunter2\nmallory = evil\nrole.admin = alice\n");
        broker = EmbeddedBrokers.start(BrokerConfig.named(name).withPersistent(false).withUsersFile(users)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        owner = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort()).createConnection("bob", "hunter2");
        owner.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        try {
            owner.close();
        } finally {
            EmbeddedBrokers.stop(name);
        }
    }

    @Test
    void aPlainQueueNamedLikeATemporaryQueueIsRefusedAndOnlyTheRealReplyArrives() throws Exception {
        Session session = owner.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = session.createTemporaryQueue();
        MessageConsumer replyConsumer = session.createConsumer(replies);
        DestinationName forged = DestinationName.queue("temp:" + replies.getQueueName());

        try (RawClient other = openedRawClient("mallory", "evil")) {
            assertInvalidDestination(other.call(new Command.CreateConsumer(3, 1, 1, ConsumerSpec.of(forged), 10)));
            assertInvalidDestination(other.call(new Command.Send(4, 1, RawClient.textMessage(forged, "forged", false))));
            assertInvalidDestination(other.call(new Command.Browse(5, forged, null, 10)));

            DestinationName real = new DestinationName(DestinationType.TEMPORARY_QUEUE, replies.getQueueName());
            assertInvalidDestination(other.call(new Command.CreateConsumer(6, 1, 2, ConsumerSpec.of(real), 10)));
            assertInvalidDestination(other.call(new Command.Browse(7, real, null, 10)));
            assertThat(other.call(new Command.Send(8, 1, RawClient.textMessage(real, "reply", false))))
                    .as("a reply through the JMSReplyTo").isEqualTo(new Event.Ok(8));
        }
        assertThat(((TextMessage) replyConsumer.receive(5_000)).getText()).isEqualTo("reply");
        assertThat(replyConsumer.receive(200)).isNull();
    }

    @Test
    void aPlainTopicNamedLikeATemporaryTopicIsRefused() throws Exception {
        Session session = owner.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic events = session.createTemporaryTopic();
        MessageConsumer subscriber = session.createConsumer(events);
        DestinationName forged = DestinationName.topic("temp:" + events.getTopicName());

        try (RawClient other = openedRawClient("mallory", "evil")) {
            assertInvalidDestination(other.call(new Command.CreateConsumer(3, 1, 1, ConsumerSpec.of(forged), 10)));
            assertInvalidDestination(other.call(new Command.Send(4, 1, RawClient.textMessage(forged, "forged", false))));
        }
        assertThat(subscriber.receive(200)).isNull();
    }

    @Test
    void statisticsAreForAdminsAndListTemporaryDestinations() throws Exception {
        Session session = owner.createSession(Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replies = session.createTemporaryQueue();
        TemporaryTopic events = session.createTemporaryTopic();
        session.createConsumer(events);
        session.createProducer(session.createQueue("ordinary")).send(session.createTextMessage("x"));

        try (RawClient user = openedRawClient("mallory", "evil"); RawClient admin = openedRawClient("alice", "secret")) {
            assertThat(user.call(new Command.QueryStatistics(3))).isInstanceOfSatisfying(Event.Failed.class,
                    failed -> assertThat(failed.code()).isEqualTo(ErrorCode.SECURITY));
            List<String> seenByAdmin = namesAndAddresses(admin.call(new Command.QueryStatistics(3)));

            assertThat(seenByAdmin).contains("ordinary", "temp:" + replies.getQueueName(), "temp:" + events.getTopicName());
        }
    }

    private RawClient openedRawClient(String user, String password) throws IOException {
        RawClient raw = RawClient.connect(broker.tcpPort());
        assertThat(raw.call(new Command.OpenConnection(1, null, user, password))).isEqualTo(new Event.Ok(1));
        assertThat(raw.call(new Command.CreateSession(2, 1, AckMode.AUTO))).isEqualTo(new Event.Ok(2));
        return raw;
    }

    private static void assertInvalidDestination(Event.Answer answer) {
        assertThat(answer).isInstanceOfSatisfying(Event.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo(ErrorCode.INVALID_DESTINATION));
    }

    private static List<String> namesAndAddresses(Event.Answer answer) {
        assertThat(answer).isInstanceOf(Event.Statistics.class);
        return ((Event.Statistics) answer).queues().stream()
                .flatMap(queue -> Stream.of(queue.name(), queue.address()))
                .distinct().toList();
    }
}
