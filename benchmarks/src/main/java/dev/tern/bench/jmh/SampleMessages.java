package dev.tern.bench.jmh;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** The message the micro-benchmarks work on: a 1 KiB bytes message with a few typical properties. */
final class SampleMessages {

    private SampleMessages() {
    }

    static MessageRecord orderMessage() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("region", "EU");
        properties.put("customer", "acme-42");
        properties.put("amount", 1250);
        properties.put("priorityCustomer", Boolean.TRUE);
        properties.put("weight", 12.5d);
        byte[] body = new byte[1024];
        new Random(7).nextBytes(body);
        long now = 1_700_000_000_000L;
        return new MessageRecord("ID:bench-1", DestinationName.queue("orders"), now, "corr-1", null, "order",
                true, 4, 0, now, properties, BodyType.BYTES, body);
    }
}
