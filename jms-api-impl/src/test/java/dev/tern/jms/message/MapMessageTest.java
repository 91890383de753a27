package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.jms.message.ConversionTable.JmsType;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MapMessageTest {

    private interface Getter {
        Object get(TernMapMessage message, String name) throws JMSException;
    }

    private static final Map<JmsType, Getter> GETTERS = Map.of(
            JmsType.BOOLEAN, TernMapMessage::getBoolean,
            JmsType.BYTE, TernMapMessage::getByte,
            JmsType.SHORT, TernMapMessage::getShort,
            JmsType.CHAR, TernMapMessage::getChar,
            JmsType.INT, TernMapMessage::getInt,
            JmsType.LONG, TernMapMessage::getLong,
            JmsType.FLOAT, TernMapMessage::getFloat,
            JmsType.DOUBLE, TernMapMessage::getDouble,
            JmsType.STRING, TernMapMessage::getString,
            JmsType.BYTES, TernMapMessage::getBytes);

    static List<Arguments> cells() {
        return ConversionTable.cells(ConversionTable.BODIES);
    }

    @ParameterizedTest(name = "{0} read as {1}: allowed={2}")
    @MethodSource("cells")
    void mapItemReadFollowsTheJmsConversionTable(JmsType written, JmsType read, boolean allowed) throws Exception {
        Object value = ConversionTable.sample(written, read);
        TernMapMessage sent = Messages.addressed(new TernMapMessage());
        sent.setObject("item", value);

        for (TernMapMessage message : List.of(sent, Messages.roundTrip(sent))) {
            if (allowed) {
                assertThat(GETTERS.get(read).get(message, "item")).isEqualTo(ConversionTable.expected(value, read));
            } else {
                assertThatThrownBy(() -> GETTERS.get(read).get(message, "item"))
                        .isInstanceOf(MessageFormatException.class)
                        .hasMessageContaining("'item'");
            }
        }
    }

    @Test
    void absentOrNullItemReadsAsValueOfNull() throws Exception {
        TernMapMessage message = new TernMapMessage();
        message.setString("nothing", null);

        for (String name : new String[] {"nothing", "absent"}) {
            assertThat(message.getBoolean(name)).isFalse();
            assertThat(message.getString(name)).isNull();
            assertThat(message.getBytes(name)).isNull();
            assertThat(message.getObject(name)).isNull();
            assertThatThrownBy(() -> message.getInt(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> message.getLong(name)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> message.getDouble(name)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> message.getChar(name)).isInstanceOf(NullPointerException.class);
        }
        assertThat(message.itemExists("nothing")).isTrue();
        assertThat(message.itemExists("absent")).isFalse();
    }

    @Test
    void typedSettersRoundTripThroughTheRecord() throws Exception {
        TernMapMessage sent = Messages.addressed(new TernMapMessage());
        sent.setBoolean("z", true);
        sent.setByte("b", (byte) -1);
        sent.setShort("s", (short) -2);
        sent.setChar("c", 'é');
        sent.setInt("i", -3);
        sent.setLong("l", Long.MIN_VALUE);
        sent.setFloat("f", Float.NaN);
        sent.setDouble("d", Double.MAX_VALUE);
        sent.setString("t", "ünï");
        sent.setBytes("y", new byte[] {9, 8});
        sent.setBytes("part", new byte[] {1, 2, 3, 4}, 1, 2);

        TernMapMessage received = Messages.roundTrip(sent);

        assertThat(received.getBoolean("z")).isTrue();
        assertThat(received.getByte("b")).isEqualTo((byte) -1);
        assertThat(received.getShort("s")).isEqualTo((short) -2);
        assertThat(received.getChar("c")).isEqualTo('é');
        assertThat(received.getInt("i")).isEqualTo(-3);
        assertThat(received.getLong("l")).isEqualTo(Long.MIN_VALUE);
        assertThat(received.getFloat("f")).isNaN();
        assertThat(received.getDouble("d")).isEqualTo(Double.MAX_VALUE);
        assertThat(received.getString("t")).isEqualTo("ünï");
        assertThat(received.getBytes("y")).containsExactly(9, 8);
        assertThat(received.getBytes("part")).containsExactly(2, 3);
        assertThat(Collections.list(received.getMapNames()))
                .containsExactlyInAnyOrder("z", "b", "s", "c", "i", "l", "f", "d", "t", "y", "part");
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws Exception {
        TernMapMessage message = new TernMapMessage();
        byte[] original = {1, 2};
        message.setBytes("y", original);
        original[0] = 99;

        message.getBytes("y")[1] = 99;
        ((byte[]) message.getObject("y"))[1] = 99;

        assertThat(message.getBytes("y")).containsExactly(1, 2);
    }

    @Test
    void nullOrEmptyNamesAreRejected() {
        TernMapMessage message = new TernMapMessage();

        assertThatThrownBy(() -> message.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setString("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObject("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setBytes(null, new byte[1], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setObjectRejectsNonJmsTypes() {
        TernMapMessage message = new TernMapMessage();

        assertThatThrownBy(() -> message.setObject("x", new Object()))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> message.setObject("x", new int[1])).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void receivedMapIsReadOnlyUntilClearBody() throws Exception {
        TernMapMessage sent = Messages.addressed(new TernMapMessage());
        sent.setInt("a", 1);
        TernMapMessage received = Messages.roundTrip(sent);

        assertThatThrownBy(() -> received.setInt("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setObject("b", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThat(received.getInt("a")).isEqualTo(1);

        received.clearBody();

        assertThat(received.itemExists("a")).isFalse();
        received.setInt("b", 2);
        assertThat(received.getInt("b")).isEqualTo(2);
    }
}
