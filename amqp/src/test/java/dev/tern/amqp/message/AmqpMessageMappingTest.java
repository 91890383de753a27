package dev.tern.amqp.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpMessageMappingTest {

    @Test
    void textMessageRoundTripsWithHeadersAndProperties() {
        MessageRecord record = new MessageRecord("ID:1", DestinationName.queue("work"), 1000, null, null, "kind",
                true, 7, 0, 0, Map.of("a", 1, "b", "x"), BodyType.TEXT, AmqpMessageMapping.textBody("hello"));
        byte[] wire = AmqpMessageMapping.toAmqp(record, 1);
        MessageRecord back = AmqpMessageMapping.toRecord(wire, 0, wire.length, DestinationName.queue("work"),
                () -> "ID:new", 5000);
        assertThat(back).isEqualTo(record);
    }
}
