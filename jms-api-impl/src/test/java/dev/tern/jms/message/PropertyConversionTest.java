package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.message.ConversionTable.JmsType;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PropertyConversionTest {

    private interface Getter {
        Object get(TernMessage message, String name) throws JMSException;
    }

    private static final Map<JmsType, Getter> GETTERS = Map.of(
            JmsType.BOOLEAN, TernMessage::getBooleanProperty,
            JmsType.BYTE, TernMessage::getByteProperty,
            JmsType.SHORT, TernMessage::getShortProperty,
            JmsType.INT, TernMessage::getIntProperty,
            JmsType.LONG, TernMessage::getLongProperty,
            JmsType.FLOAT, TernMessage::getFloatProperty,
            JmsType.DOUBLE, TernMessage::getDoubleProperty,
            JmsType.STRING, TernMessage::getStringProperty);

    static List<Arguments> cells() {
        return ConversionTable.cells(ConversionTable.PROPERTIES);
    }

    @ParameterizedTest(name = "{0} read as {1}: allowed={2}")
    @MethodSource("cells")
    void propertyReadFollowsTheJmsConversionTable(JmsType written, JmsType read, boolean allowed) throws Exception {
        Object value = ConversionTable.sample(written, read);
        TernMessage message = new TernMessage();
        message.setObjectProperty("p", value);

        if (allowed) {
            assertThat(GETTERS.get(read).get(message, "p")).isEqualTo(ConversionTable.expected(value, read));
        } else {
            assertThatThrownBy(() -> GETTERS.get(read).get(message, "p"))
                    .isInstanceOf(MessageFormatException.class)
                    .hasMessageContaining("'p'");
        }
        assertThat(message.getObjectProperty("p")).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} read as {1}: allowed={2}")
    @MethodSource("cells")
    void conversionsAlsoApplyAfterTheRecordRoundTrip(JmsType written, JmsType read, boolean allowed)
            throws Exception {
        Object value = ConversionTable.sample(written, read);
        TernMessage sent = Messages.addressed(new TernMessage());
        sent.setObjectProperty("p", value);
        TernMessage received = Messages.roundTrip(sent);

        if (allowed) {
            assertThat(GETTERS.get(read).get(received, "p")).isEqualTo(ConversionTable.expected(value, read));
        } else {
            assertThatThrownBy(() -> GETTERS.get(read).get(received, "p")).isInstanceOf(MessageFormatException.class);
        }
    }

    @Test
    void typedSettersStoreTheirBoxedType() throws Exception {
        TernMessage message = new TernMessage();
        message.setBooleanProperty("z", true);
        message.setByteProperty("b", (byte) 1);
        message.setShortProperty("s", (short) 2);
        message.setIntProperty("i", 3);
        message.setLongProperty("l", 4L);
        message.setFloatProperty("f", 5f);
        message.setDoubleProperty("d", 6d);
        message.setStringProperty("t", "7");

        assertThat(message.getObjectProperty("z")).isEqualTo(Boolean.TRUE);
        assertThat(message.getObjectProperty("b")).isEqualTo((byte) 1);
        assertThat(message.getObjectProperty("s")).isEqualTo((short) 2);
        assertThat(message.getObjectProperty("i")).isEqualTo(3);
        assertThat(message.getObjectProperty("l")).isEqualTo(4L);
        assertThat(message.getObjectProperty("f")).isEqualTo(5f);
        assertThat(message.getObjectProperty("d")).isEqualTo(6d);
        assertThat(message.getObjectProperty("t")).isEqualTo("7");
    }

    @Test
    void unparsableStringThrowsNumberFormatException() throws Exception {
        TernMessage message = new TernMessage();
        message.setStringProperty("p", "twelve");

        assertThatThrownBy(() -> message.getIntProperty("p")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("p")).isInstanceOf(NumberFormatException.class);
        assertThat(message.getBooleanProperty("p")).isFalse();
    }

    @Test
    void absentPropertyReadsAsValueOfNull() throws Exception {
        TernMessage message = new TernMessage();

        assertThat(message.getBooleanProperty("absent")).isFalse();
        assertThat(message.getStringProperty("absent")).isNull();
        assertThat(message.getObjectProperty("absent")).isNull();
        assertThat(message.propertyExists("absent")).isFalse();
        assertThatThrownBy(() -> message.getByteProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getShortProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("absent")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("absent")).isInstanceOf(NumberFormatException.class);
        // Float.valueOf((String) null) and Double.valueOf((String) null) throw NullPointerException
        assertThatThrownBy(() -> message.getFloatProperty("absent")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("absent")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nullStringPropertyExistsAndReadsAsNull() throws Exception {
        TernMessage message = new TernMessage();
        message.setStringProperty("p", null);

        assertThat(message.propertyExists("p")).isTrue();
        assertThat(message.getStringProperty("p")).isNull();
        assertThatThrownBy(() -> message.getIntProperty("p")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void setObjectPropertyRejectsOtherTypes() {
        TernMessage message = new TernMessage();

        assertThatThrownBy(() -> message.setObjectProperty("p", 'c')).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("p", new byte[1]))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("p", new java.util.Date()))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> message.setObjectProperty("p", List.of()))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void propertyNamesListsEverySetProperty() throws Exception {
        TernMessage message = new TernMessage();
        message.setIntProperty("a", 1);
        message.setStringProperty("b", "x");

        assertThat(java.util.Collections.list(message.getPropertyNames())).containsExactly("a", "b");
    }

    @Test
    void clearPropertiesRemovesAll() throws Exception {
        TernMessage message = new TernMessage();
        message.setIntProperty("a", 1);

        message.clearProperties();

        assertThat(message.propertyExists("a")).isFalse();
        assertThat(message.getPropertyNames().hasMoreElements()).isFalse();
    }
}
