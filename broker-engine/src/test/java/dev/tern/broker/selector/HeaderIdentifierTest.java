package dev.tern.broker.selector;

import static dev.tern.broker.selector.Messages.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.BodyType;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The six header fields a selector may reference, and how other JMS names resolve. */
class HeaderIdentifierTest {

    private static final MessageRecord MESSAGE = new MessageRecord("ID:abc", DestinationName.topic("cars"),
            1_234_567_890_123L, "corr-1", DestinationName.queue("replies"), "car", true, 7, 99_000L, 5_000L,
            Map.of("JMSXGroupID", "g1", "JMS_tern_custom", 3, "weight", 2600, "color", "blue"),
            BodyType.TEXT, new byte[] {1});

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            JMSDeliveryMode = 'PERSISTENT'          | TRUE
            JMSDeliveryMode = 'NON_PERSISTENT'      | FALSE
            JMSPriority = 7                         | TRUE
            JMSPriority > 4                         | TRUE
            JMSPriority BETWEEN 0 AND 9             | TRUE
            JMSMessageID = 'ID:abc'                 | TRUE
            JMSMessageID LIKE 'ID:%'                | TRUE
            JMSTimestamp = 1234567890123            | TRUE
            JMSTimestamp > 1234567890000            | TRUE
            JMSCorrelationID = 'corr-1'             | TRUE
            JMSType = 'car'                         | TRUE
            JMSType IN ('car', 'truck')             | TRUE
            JMSXGroupID = 'g1'                      | TRUE
            JMS_tern_custom = 3                     | TRUE
            """)
    void headersAndJmsPropertiesResolve(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is NULL")
    @CsvSource({"JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSDeliveryTime", "JMSRedelivered",
        "JMSXDeliveryCount", "jmsPriority", "JMSPRIORITY"})
    void otherHeaderNamesAreTreatedAsAbsentProperties(String name) throws Exception {
        assertThat(evaluate(name + " IS NULL", MESSAGE)).isEqualTo(TriBool.TRUE);
    }

    @Test
    void nonPersistentDeliveryModeAndNullHeaders() throws Exception {
        MessageRecord plain = new MessageRecord(null, DestinationName.queue("q"), 0L, null, null, null, false,
                0, 0L, 0L, Map.of(), BodyType.NONE, null);
        assertThat(evaluate("JMSDeliveryMode = 'NON_PERSISTENT'", plain)).isEqualTo(TriBool.TRUE);
        assertThat(evaluate("JMSMessageID IS NULL AND JMSCorrelationID IS NULL AND JMSType IS NULL", plain))
                .isEqualTo(TriBool.TRUE);
        assertThat(evaluate("JMSType = 'car'", plain)).isEqualTo(TriBool.UNKNOWN);
        assertThat(evaluate("JMSTimestamp = 0 AND JMSPriority = 0", plain)).isEqualTo(TriBool.TRUE);
    }

    @Test
    void theSpecsExampleSelectsHeavyBlueCars() throws Exception {
        Selector selector = Selector.parse("JMSType = 'car' AND color = 'blue' AND weight > 2500");
        assertThat(selector.matches(MESSAGE)).isTrue();
        assertThat(selector.matches(Messages.withProperties("color", "blue", "weight", 2600))).isFalse();
    }
}
