package dev.tern.amqp.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.protocol.DestinationName;
import dev.tern.protocol.DestinationType;
import org.junit.jupiter.api.Test;

class AmqpAddressesTest {

    @Test
    void prefixesDecideTheKind() {
        assertThat(AmqpAddresses.fromAddress("queue://orders", DestinationType.TOPIC)).isEqualTo(DestinationName.queue("orders"));
        assertThat(AmqpAddresses.fromAddress("topic://prices", null)).isEqualTo(DestinationName.topic("prices"));
        assertThat(AmqpAddresses.fromAddress("temp-queue://temp:q1", null))
                .isEqualTo(new DestinationName(DestinationType.TEMPORARY_QUEUE, "temp:q1"));
        assertThat(AmqpAddresses.fromAddress("temp-topic://temp:t1", null))
                .isEqualTo(new DestinationName(DestinationType.TEMPORARY_TOPIC, "temp:t1"));
    }

    @Test
    void aPlainNameFollowsTheHintAndIsAQueueWithout() {
        assertThat(AmqpAddresses.fromAddress("orders", null)).isEqualTo(DestinationName.queue("orders"));
        assertThat(AmqpAddresses.fromAddress("prices", DestinationType.TOPIC)).isEqualTo(DestinationName.topic("prices"));
    }

    @Test
    void ternTemporaryNamesAreTemporaryWhateverTheHint() {
        assertThat(AmqpAddresses.fromAddress("temp:q-7", null))
                .isEqualTo(new DestinationName(DestinationType.TEMPORARY_QUEUE, "temp:q-7"));
        assertThat(AmqpAddresses.fromAddress("temp:t-7", DestinationType.TOPIC))
                .isEqualTo(new DestinationName(DestinationType.TEMPORARY_TOPIC, "temp:t-7"));
    }

    @Test
    void peersSeeThePlainName() {
        assertThat(AmqpAddresses.toAddress(DestinationName.topic("prices"))).isEqualTo("prices");
        assertThat(AmqpAddresses.toAddress(new DestinationName(DestinationType.TEMPORARY_QUEUE, "temp:q"))).isEqualTo("temp:q");
    }

    @Test
    void typeAnnotationsRoundTripAndUnknownValuesAreRefused() {
        for (DestinationType type : DestinationType.values()) {
            assertThat(AmqpAddresses.typeOf(AmqpAddresses.typeAnnotation(type))).isEqualTo(type);
        }
        assertThat(AmqpAddresses.typeAnnotation(DestinationType.TEMPORARY_TOPIC)).isEqualTo((byte) 3);
        assertThatThrownBy(() -> AmqpAddresses.typeOf((byte) 4)).isInstanceOf(AmqpMappingException.class);
    }

    @Test
    void emptyAddressesAreRefused() {
        assertThatThrownBy(() -> AmqpAddresses.fromAddress("", null)).isInstanceOf(AmqpMappingException.class);
        assertThatThrownBy(() -> AmqpAddresses.fromAddress(null, null)).isInstanceOf(AmqpMappingException.class);
        assertThatThrownBy(() -> AmqpAddresses.fromAddress("queue://", null)).isInstanceOf(AmqpMappingException.class);
    }
}
