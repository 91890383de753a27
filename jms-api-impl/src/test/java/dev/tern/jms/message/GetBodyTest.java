package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageFormatException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetBodyTest {

    @Test
    void plainMessageHasNoBodyAndAcceptsAnyType() throws Exception {
        TernMessage message = new TernMessage();

        assertThat(message.getBody(String.class)).isNull();
        assertThat(message.getBody(Integer.class)).isNull();
        assertThat(message.isBodyAssignableTo(byte[].class)).isTrue();
    }

    @Test
    void textBodyIsAssignableToStringAndItsSupertypes() throws Exception {
        TernTextMessage message = new TernTextMessage();
        message.setText("hi");

        assertThat(message.getBody(String.class)).isEqualTo("hi");
        assertThat(message.getBody(CharSequence.class)).isEqualTo("hi");
        assertThat(message.getBody(Object.class)).isEqualTo("hi");
        assertThat(message.isBodyAssignableTo(Serializable.class)).isTrue();
        assertThat(message.isBodyAssignableTo(Integer.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Integer.class))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void emptyBodiesReturnNullForAnyType() throws Exception {
        for (TernMessage message : List.of(new TernTextMessage(), new TernBytesMessage(), new TernMapMessage(),
                new TernObjectMessage(TrustedPackages.defaults()))) {
            assertThat(message.isBodyAssignableTo(Integer.class)).as(message.getClass().getSimpleName()).isTrue();
            assertThat(message.getBody(Integer.class)).isNull();
        }
    }

    @Test
    void bytesBodyIsACopyInEitherMode() throws Exception {
        TernBytesMessage message = new TernBytesMessage();
        message.writeBytes(new byte[] {1, 2, 3});

        assertThat(message.getBody(byte[].class)).containsExactly(1, 2, 3);
        message.writeByte((byte) 4); // still in write mode
        message.reset();
        assertThat(message.readByte()).isEqualTo((byte) 1);
        assertThat(message.getBody(byte[].class)).containsExactly(1, 2, 3, 4);
        assertThat(message.readByte()).as("read position unchanged").isEqualTo((byte) 2);
        assertThat(message.isBodyAssignableTo(Object.class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void mapBodyIsANewMap() throws Exception {
        TernMapMessage message = new TernMapMessage();
        message.setInt("a", 1);
        message.setBytes("b", new byte[] {2});

        @SuppressWarnings("unchecked")
        Map<String, Object> body = message.getBody(Map.class);

        assertThat(body).containsEntry("a", 1).containsKey("b");
        body.put("c", 3);
        assertThat(message.itemExists("c")).isFalse();
        assertThat(message.isBodyAssignableTo(Object.class)).isTrue();
        assertThat(message.isBodyAssignableTo(HashMap.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(HashMap.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void objectBodyIsAssignableToItsRuntimeType() throws Exception {
        TernObjectMessage message = new TernObjectMessage(TrustedPackages.defaults(), 42);

        assertThat(message.getBody(Integer.class)).isEqualTo(42);
        assertThat(message.getBody(Number.class)).isEqualTo(42);
        assertThat(message.isBodyAssignableTo(Serializable.class)).isTrue();
        assertThat(message.isBodyAssignableTo(String.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(String.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void streamMessageHasNoGetBodyEvenWhenEmpty() throws Exception {
        TernStreamMessage message = new TernStreamMessage();

        assertThat(message.isBodyAssignableTo(Object.class)).isFalse();
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        message.writeInt(1);
        assertThatThrownBy(() -> message.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void receivedBodiesWorkWithGetBody() throws Exception {
        TernTextMessage text = Messages.addressed(new TernTextMessage());
        text.setText("t");
        TernBytesMessage bytes = Messages.addressed(new TernBytesMessage());
        bytes.writeByte((byte) 5);

        assertThat(Messages.roundTrip(text).getBody(String.class)).isEqualTo("t");
        assertThat(Messages.roundTrip(bytes).getBody(byte[].class)).containsExactly(5);
    }
}
