package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.jms.TernQueue;
import dev.tern.jms.TernTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Another provider's messages, built as dynamic proxies that answer from maps. */
class ForeignMessageCopyTest {

    private static final TrustedPackages TRUST = TrustedPackages.defaults();

    /** A foreign message that answers header getters and body getters from {@code answers}. */
    private static <T extends Message> T foreign(Class<T> type, Map<String, Object> answers,
            Map<String, Object> properties, InvocationHandler body) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            switch (name) {
                case "getPropertyNames":
                    return Collections.enumeration(properties.keySet());
                case "getObjectProperty":
                    return properties.get((String) args[0]);
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "foreign " + type.getSimpleName();
                default:
                    break;
            }
            if (answers.containsKey(name)) {
                return answers.get(name);
            }
            if (body != null) {
                return body.invoke(proxy, method, args);
            }
            return defaultFor(method.getReturnType());
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object defaultFor(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static Queue foreignQueue(String name) {
        return (Queue) Proxy.newProxyInstance(Queue.class.getClassLoader(), new Class<?>[] {Queue.class},
                (proxy, method, args) -> method.getName().equals("getQueueName") ? name : null);
    }

    private static Map<String, Object> headers() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("getJMSMessageID", "ID:foreign-1");
        headers.put("getJMSTimestamp", 123L);
        headers.put("getJMSCorrelationID", "corr");
        headers.put("getJMSReplyTo", foreignQueue("replies"));
        headers.put("getJMSDestination", foreignQueue("orders"));
        headers.put("getJMSDeliveryMode", DeliveryMode.NON_PERSISTENT);
        headers.put("getJMSRedelivered", true);
        headers.put("getJMSType", "Order");
        headers.put("getJMSExpiration", 456L);
        headers.put("getJMSDeliveryTime", 789L);
        headers.put("getJMSPriority", 7);
        return headers;
    }

    @Test
    void foreignTextMessageKeepsHeadersPropertiesAndText() throws Exception {
        Map<String, Object> answers = headers();
        answers.put("getText", "hello");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("region", "eu");
        properties.put("count", 3);
        TextMessage foreign = foreign(TextMessage.class, answers, properties, null);

        TernMessage copy = TernMessages.copyOf(foreign, TRUST);

        assertThat(copy).isInstanceOf(TernTextMessage.class);
        assertThat(((TernTextMessage) copy).getText()).isEqualTo("hello");
        assertThat(copy.getJMSMessageID()).isEqualTo("ID:foreign-1");
        assertThat(copy.getJMSTimestamp()).isEqualTo(123L);
        assertThat(copy.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(copy.getJMSReplyTo()).isEqualTo(new TernQueue("replies"));
        assertThat(copy.getJMSDestination()).isEqualTo(new TernQueue("orders"));
        assertThat(copy.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(copy.getJMSRedelivered()).isTrue();
        assertThat(copy.getJMSType()).isEqualTo("Order");
        assertThat(copy.getJMSExpiration()).isEqualTo(456L);
        assertThat(copy.getJMSDeliveryTime()).isEqualTo(789L);
        assertThat(copy.getJMSPriority()).isEqualTo(7);
        assertThat(copy.getStringProperty("region")).isEqualTo("eu");
        assertThat(copy.getIntProperty("count")).isEqualTo(3);

        TernTextMessage received = Messages.roundTrip((TernTextMessage) copy);
        assertThat(received.getText()).isEqualTo("hello");
        assertThat(received.getJMSDestination()).isEqualTo(new TernQueue("orders"));
    }

    @Test
    void foreignDestinationThatIsNeitherQueueNorTopicIsDropped() throws Exception {
        Map<String, Object> answers = new HashMap<>();
        answers.put("getJMSReplyTo", (Destination) Proxy.newProxyInstance(Destination.class.getClassLoader(),
                new Class<?>[] {Destination.class}, (proxy, method, args) -> null));
        answers.put("getJMSPriority", 4);

        TernMessage copy = TernMessages.copyOf(foreign(Message.class, answers, Map.of(), null), TRUST);

        assertThat(copy.getClass()).isEqualTo(TernMessage.class);
        assertThat(copy.getJMSReplyTo()).isNull();
    }

    @Test
    void foreignMapMessageKeepsEveryItem() throws Exception {
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("i", 1);
        items.put("c", 'x');
        items.put("b", new byte[] {1, 2});
        items.put("s", "str");
        MapMessage foreign = foreign(MapMessage.class, new HashMap<>(), Map.of(), (proxy, method, args) ->
                switch (method.getName()) {
                    case "getMapNames" -> Collections.enumeration(items.keySet());
                    case "getObject" -> items.get((String) args[0]);
                    default -> defaultFor(method.getReturnType());
                });

        TernMapMessage copy = (TernMapMessage) TernMessages.copyOf(foreign, TRUST);

        assertThat(copy.getInt("i")).isEqualTo(1);
        assertThat(copy.getChar("c")).isEqualTo('x');
        assertThat(copy.getBytes("b")).containsExactly(1, 2);
        assertThat(copy.getString("s")).isEqualTo("str");
    }

    @Test
    void foreignBytesMessageIsReadFromTheStart() throws Exception {
        byte[] content = new byte[20_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        int[] position = {5}; // partly read by the application
        List<String> calls = new ArrayList<>();
        BytesMessage foreign = foreign(BytesMessage.class, new HashMap<>(), Map.of(), (proxy, method, args) -> {
            calls.add(method.getName());
            switch (method.getName()) {
                case "reset":
                    position[0] = 0;
                    return null;
                case "getBodyLength":
                    return (long) content.length;
                case "readBytes":
                    byte[] buffer = (byte[]) args[0];
                    int count = Math.min(buffer.length, content.length - position[0]);
                    if (count <= 0) {
                        return -1;
                    }
                    System.arraycopy(content, position[0], buffer, 0, count);
                    position[0] += count;
                    return count;
                default:
                    return defaultFor(method.getReturnType());
            }
        });

        TernBytesMessage copy = (TernBytesMessage) TernMessages.copyOf(foreign, TRUST);

        assertThat(copy.getBody(byte[].class)).isEqualTo(content);
        assertThat(calls.get(0)).isEqualTo("reset");
        assertThat(position[0]).as("left reset").isZero();
        copy.writeByte((byte) 1); // the copy is a fresh, writable message
    }

    @Test
    void foreignStreamMessageKeepsEveryValueInOrder() throws Exception {
        List<Object> values = List.of(1, "two", new byte[] {3}, 'c', true);
        int[] next = {0};
        StreamMessage foreign = foreign(StreamMessage.class, new HashMap<>(), Map.of(), (proxy, method, args) -> {
            switch (method.getName()) {
                case "reset":
                    next[0] = 0;
                    return null;
                case "readObject":
                    if (next[0] >= values.size()) {
                        throw new MessageEOFException("end");
                    }
                    return values.get(next[0]++);
                default:
                    return defaultFor(method.getReturnType());
            }
        });

        TernStreamMessage copy = (TernStreamMessage) TernMessages.copyOf(foreign, TRUST);
        copy.reset();

        assertThat(copy.readInt()).isEqualTo(1);
        assertThat(copy.readString()).isEqualTo("two");
        assertThat((byte[]) copy.readObject()).containsExactly(3);
        assertThat(copy.readChar()).isEqualTo('c');
        assertThat(copy.readBoolean()).isTrue();
    }

    @Test
    void foreignObjectMessageIsSerializedAgain() throws Exception {
        ArrayList<String> object = new ArrayList<>(List.of("x"));
        Map<String, Object> answers = new HashMap<>();
        answers.put("getObject", object);
        answers.put("getJMSDestination", new TernTopic("t"));

        TernObjectMessage copy = (TernObjectMessage) TernMessages.copyOf(
                foreign(ObjectMessage.class, answers, Map.of(), null), TRUST);

        assertThat(copy.getObject()).isEqualTo(object);
        assertThat(copy.getJMSDestination()).isEqualTo(new TernTopic("t"));
    }

    @Test
    void ternMessageIsReturnedAsIs() throws Exception {
        TernTextMessage message = new TernTextMessage();

        assertThat(TernMessages.copyOf(message, TRUST)).isSameAs(message);
    }
}
