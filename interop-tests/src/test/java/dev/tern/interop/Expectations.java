package dev.tern.interop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whether a message arrived as it was sent, across protocols. Where STOMP is on either side, property values are
 * compared as text (STOMP headers are strings); elsewhere numbers are compared by value, since each protocol has its
 * own integer widths (a Python int is an AMQP long, a positive JavaScript integer an AMQP uint).
 */
final class Expectations {

    private Expectations() {
    }

    /** The message in {@code received} whose property {@code n} is the sent one's. */
    static Received find(List<Received> received, MessageSpec sent) {
        String n = String.valueOf(sent.properties().get("n"));
        return received.stream().filter(r -> n.equals(r.property("n"))).findFirst()
                .orElseGet(() -> fail("no message with n=" + n + " among " + received));
    }

    static void assertArrived(MessageSpec sent, Received got, InteropClient sender, InteropClient receiver) {
        String what = sender.name() + " -> " + receiver.name() + ", " + sent.kind() + " message, received " + got;
        boolean asText = sender.protocol() == Protocol.STOMP || receiver.protocol() == Protocol.STOMP;
        switch (sent.kind()) {
            case "text" -> {
                assertThat(got.kind()).as(what).isEqualTo("text");
                assertThat(got.body()).as(what).isEqualTo(sent.body());
            }
            case "bytes" -> {
                assertThat(got.kind()).as(what).isEqualTo("bytes");
                assertThat((byte[]) got.body()).as(what).isEqualTo((byte[]) sent.body());
            }
            case "map" -> {
                assertThat(got.kind()).as(what).isEqualTo("map");
                assertSameEntries((Map<?, ?>) sent.body(), (Map<?, ?>) got.body(), false, what);
            }
            default -> throw new IllegalArgumentException(sent.kind());
        }
        assertSameEntries(sent.properties(), got.properties(), asText, what + ": properties");
        assertThat(got.priority()).as(what + ": priority").isEqualTo(sent.priority());
    }

    /** Every entry of {@code expected} is in {@code actual} with the same value (extra entries are allowed). */
    static void assertSameEntries(Map<?, ?> expected, Map<?, ?> actual, boolean asText, String what) {
        assertThat(actual).as(what).isNotNull();
        for (Map.Entry<?, ?> entry : expected.entrySet()) {
            Object value = actual.get(entry.getKey());
            assertThat(sameValue(entry.getValue(), value, asText))
                    .as("%s: %s is %s (%s), expected %s (%s)", what, entry.getKey(), value,
                            value == null ? "absent" : value.getClass().getSimpleName(), entry.getValue(),
                            entry.getValue().getClass().getSimpleName())
                    .isTrue();
        }
    }

    static boolean sameValue(Object expected, Object actual, boolean asText) {
        if (actual == null) {
            return false;
        }
        if (asText) {
            return String.valueOf(expected).equals(String.valueOf(actual));
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        return expected.equals(actual);
    }
}
