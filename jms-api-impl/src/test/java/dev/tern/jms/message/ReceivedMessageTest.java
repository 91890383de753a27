package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.TernDestination;
import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import dev.tern.protocol.MessageRecord;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReceivedMessageTest {

    static Stream<Destination> replyDestinations() {
        return Stream.of(new TernQueue("replies"), new TernTopic("events"),
                TernDestination.of(new DestinationName(DestinationType.TEMPORARY_QUEUE, "tmp.1")),
                TernDestination.of(new DestinationName(DestinationType.TEMPORARY_TOPIC, "tmp.2")));
    }

    @ParameterizedTest
    @MethodSource("replyDestinations")
    void everyHeaderRoundTripsThroughTheRecord(Destination replyTo) throws Exception {
        TernTextMessage sent = new TernTextMessage();
        sent.setJMSDestination(new TernTopic("prices"));
        sent.setJMSMessageID("ID:abc-1");
        sent.setJMSTimestamp(1_700_000_000_000L);
        sent.setJMSCorrelationID("order-17");
        sent.setJMSReplyTo(replyTo);
        sent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        sent.setJMSType("PriceUpdate");
        sent.setJMSExpiration(1_700_000_060_000L);
        sent.setJMSDeliveryTime(1_700_000_001_000L);
        sent.setJMSPriority(9);

        TernTextMessage received = Messages.roundTrip(sent);

        assertThat(received.getJMSDestination()).isEqualTo(new TernTopic("prices"));
        assertThat(received.getJMSMessageID()).isEqualTo("ID:abc-1");
        assertThat(received.getJMSTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(received.getJMSCorrelationID()).isEqualTo("order-17");
        assertThat(received.getJMSReplyTo()).isEqualTo(replyTo);
        assertThat(received.getJMSReplyTo().getClass()).isEqualTo(replyTo.getClass());
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(received.getJMSType()).isEqualTo("PriceUpdate");
        assertThat(received.getJMSExpiration()).isEqualTo(1_700_000_060_000L);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(1_700_000_001_000L);
        assertThat(received.getJMSPriority()).isEqualTo(9);
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @Test
    void newMessageHasJmsDefaults() throws Exception {
        TernMessage message = new TernMessage();

        assertThat(message.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSDestination()).isNull();
        assertThat(message.getJMSRedelivered()).isFalse();
        assertThat(message.propertyExists("JMSXDeliveryCount")).isFalse();
    }

    @Test
    void persistentModeAndNullHeadersRoundTrip() throws Exception {
        TernMessage sent = Messages.addressed(new TernMessage());
        sent.setJMSDeliveryMode(DeliveryMode.PERSISTENT);

        MessageRecord record = sent.toRecord();
        TernMessage received = Messages.roundTrip(sent);

        assertThat(record.persistent()).isTrue();
        assertThat(record.bodyType()).isEqualTo(BodyType.NONE);
        assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(received.getJMSMessageID()).isNull();
        assertThat(received.getJMSCorrelationID()).isNull();
        assertThat(received.getJMSCorrelationIDAsBytes()).isNull();
        assertThat(received.getJMSReplyTo()).isNull();
        assertThat(received.getJMSType()).isNull();
        assertThat(received.getClass()).isEqualTo(TernMessage.class);
    }

    @Test
    void correlationIdBytesRoundTripLosslessly() throws Exception {
        byte[] id = new byte[256];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) i;
        }
        TernMessage sent = Messages.addressed(new TernMessage());
        sent.setJMSCorrelationIDAsBytes(id);

        TernMessage received = Messages.roundTrip(sent);

        assertThat(received.getJMSCorrelationIDAsBytes()).isEqualTo(id);
    }

    @Test
    void correlationIdStringIsReadableAsBytes() throws Exception {
        TernMessage message = new TernMessage();
        message.setJMSCorrelationID("abc");
        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));

        message.setJMSCorrelationID("€");
        assertThat(message.getJMSCorrelationIDAsBytes()).isEqualTo("€".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toRecordWithoutDestinationFailsClearly() {
        TernTextMessage message = new TernTextMessage();

        assertThatThrownBy(message::toRecord).isInstanceOf(JMSException.class).hasMessageContaining("JMSDestination");
    }

    @Test
    void anyDeliveryModeButPersistentIsSentNonPersistent() throws Exception {
        TernMessage message = Messages.addressed(new TernMessage());
        message.setJMSDeliveryMode(42);

        assertThat(message.toRecord().persistent()).isFalse();
        assertThat(Messages.roundTrip(message).getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
    }

    @Test
    void toRecordRejectsAPriorityOutsideZeroToNine() {
        TernMessage message = Messages.addressed(new TernMessage());
        message.setJMSPriority(10);

        assertThatThrownBy(message::toRecord).isInstanceOf(JMSException.class).hasMessageContaining("0 to 9");
    }

    @Test
    void corruptBodyIsReportedWithItsType() {
        MessageRecord corrupt = new MessageRecord("ID:1", DestinationName.queue("q"), 0, null, null, null, true, 4,
                0, 0, null, BodyType.MAP, new byte[] {0, 0, 0, 5, 1});

        assertThatThrownBy(() -> TernMessages.fromRecord(corrupt, 1, TrustedPackages.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAP");
    }

    @Test
    void redeliveryIsFlaggedAndCounted() throws Exception {
        TernMessage sent = Messages.addressed(new TernMessage());

        TernMessage first = Messages.roundTrip(sent, 1, TrustedPackages.defaults());
        TernMessage third = Messages.roundTrip(sent, 3, TrustedPackages.defaults());

        assertThat(first.getJMSRedelivered()).isFalse();
        assertThat(first.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(third.getJMSRedelivered()).isTrue();
        assertThat(third.getObjectProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(Collections.list(third.getPropertyNames())).contains("JMSXDeliveryCount");
    }

    @Test
    void deliveryCountIsNeverSent() throws Exception {
        TernMessage received = Messages.roundTrip(Messages.addressed(new TernMessage()), 2, TrustedPackages.defaults());
        received.clearProperties();
        received.setIntProperty("JMSXDeliveryCount", 42);
        received.setStringProperty("JMSXGroupID", "g");
        received.setIntProperty("JMSXGroupSeq", 1);

        MessageRecord forwarded = received.toRecord();

        assertThat(forwarded.properties()).containsOnlyKeys("JMSXGroupID", "JMSXGroupSeq");
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilClearProperties() throws Exception {
        TernMessage sent = Messages.addressed(new TernMessage());
        sent.setStringProperty("color", "red");
        TernMessage received = Messages.roundTrip(sent);

        assertThatThrownBy(() -> received.setStringProperty("color", "blue"))
                .isInstanceOf(MessageNotWriteableException.class)
                .hasMessageContaining("clearProperties");
        assertThatThrownBy(() -> received.setObjectProperty("other", 1))
                .isInstanceOf(MessageNotWriteableException.class);

        received.clearProperties();

        assertThat(received.propertyExists("color")).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).as("kept: describes the delivery").isEqualTo(1);
        received.setStringProperty("color", "blue");
        assertThat(received.getStringProperty("color")).isEqualTo("blue");
    }

    @Test
    void clearPropertiesLeavesTheBodyReadOnly() throws Exception {
        TernTextMessage sent = Messages.addressed(new TernTextMessage());
        sent.setText("hello");
        TernTextMessage received = Messages.roundTrip(sent);

        received.clearProperties();

        assertThatThrownBy(() -> received.setText("x")).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getText()).isEqualTo("hello");
    }

    @Test
    void receivedTextIsReadOnlyUntilClearBody() throws Exception {
        TernTextMessage sent = Messages.addressed(new TernTextMessage());
        sent.setText("hello");
        sent.setStringProperty("p", "v");
        TernTextMessage received = Messages.roundTrip(sent);

        assertThatThrownBy(() -> received.setText("changed"))
                .isInstanceOf(MessageNotWriteableException.class)
                .hasMessageContaining("clearBody");

        received.clearBody();

        assertThat(received.getText()).isNull();
        assertThat(received.getStringProperty("p")).as("clearBody keeps properties").isEqualTo("v");
        assertThatThrownBy(() -> received.setStringProperty("p", "w")).isInstanceOf(MessageNotWriteableException.class);
        received.setText("changed");
        assertThat(received.getText()).isEqualTo("changed");
    }

    @Test
    void headersStayWritableOnReceivedMessages() throws Exception {
        TernMessage received = Messages.roundTrip(Messages.addressed(new TernMessage()));

        received.setJMSType("t");
        received.setJMSCorrelationID("c");
        received.setJMSPriority(1);

        assertThat(received.getJMSType()).isEqualTo("t");
        assertThat(received.getJMSPriority()).isEqualTo(1);
    }

    @Test
    void nullTextAndEmptyTextStayDistinct() throws Exception {
        TernTextMessage nullText = Messages.addressed(new TernTextMessage());
        TernTextMessage emptyText = Messages.addressed(new TernTextMessage());
        emptyText.setText("");

        assertThat(Messages.roundTrip(nullText).getText()).isNull();
        assertThat(Messages.roundTrip(emptyText).getText()).isEmpty();
    }

    @Test
    void everyBodyTypeComesBackAsItsMessageClass() throws Exception {
        for (TernMessage message : List.of(new TernMessage(), new TernTextMessage(), new TernBytesMessage(),
                new TernMapMessage(), new TernStreamMessage(), new TernObjectMessage(TrustedPackages.defaults()))) {
            TernMessage received = Messages.roundTrip(Messages.addressed(message));
            assertThat(received.getClass()).isEqualTo(message.getClass());
            assertThat(received.bodyType()).isEqualTo(message.bodyType());
        }
    }

    @Test
    void acknowledgeDelegatesToTheAcknowledger() throws Exception {
        TernMessage message = Messages.roundTrip(Messages.addressed(new TernMessage()));
        message.acknowledge(); // no acknowledger: nothing happens
        AtomicInteger acks = new AtomicInteger();
        message.setAcknowledger(acks::incrementAndGet);

        message.acknowledge();

        assertThat(acks).hasValue(1);
        message.setAcknowledger(() -> {
            throw new IllegalStateException("The session is closed.");
        });
        assertThatThrownBy(message::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringNamesTypeIdAndDestination() throws Exception {
        TernTextMessage message = Messages.addressed(new TernTextMessage());
        message.setJMSMessageID("ID:42");
        message.setText("hello");

        assertThat(message.toString()).contains("TernTextMessage", "ID:42", "queue://test.queue");
    }
}
