package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.support.converter.MappingJackson2MessageConverter;
import org.springframework.jms.support.converter.MessageType;

/** Spring's {@link JmsTemplate} sending to and receiving from a real Tern broker. */
class JmsTemplateTest {

    /** A payload for the JSON converter. */
    record Order(String id, int quantity, List<String> items) {
    }

    private TernTestBroker broker;

    private JmsTemplate template(Transport transport) throws JMSException {
        broker = new TernTestBroker(transport);
        JmsTemplate template = new JmsTemplate(broker.connectionFactory());
        template.setReceiveTimeout(5_000);
        return template;
    }

    @AfterEach
    void stopBroker() throws JMSException {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendWithMessageCreatorAndReceiveKeepsBodyAndProperties(Transport transport) throws JMSException {
        JmsTemplate template = template(transport);

        template.send("orders", session -> {
            TextMessage message = session.createTextMessage("order 42");
            message.setStringProperty("customer", "ada");
            message.setIntProperty("lines", 3);
            return message;
        });
        Message received = template.receive("orders");

        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("order 42");
        assertThat(received.getStringProperty("customer")).isEqualTo("ada");
        assertThat(received.getIntProperty("lines")).isEqualTo(3);
        assertThat(received.getJMSRedelivered()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void convertAndSendThenReceiveAndConvertWithTheDefaultConverter(Transport transport) throws JMSException {
        JmsTemplate template = template(transport);

        template.convertAndSend("texts", "hello");
        template.convertAndSend("maps", Map.of("sku", "A-1", "count", 7));
        template.convertAndSend("bytes", new byte[] {1, 2, 3});

        assertThat(template.receiveAndConvert("texts")).isEqualTo("hello");
        assertThat(template.receiveAndConvert("maps")).isEqualTo(Map.of("sku", "A-1", "count", 7));
        assertThat(template.receiveAndConvert("bytes")).isEqualTo(new byte[] {1, 2, 3});
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jacksonConverterSendsJsonTextAndReadsTheObjectBack(Transport transport) throws JMSException {
        JmsTemplate template = template(transport);
        MappingJackson2MessageConverter json = new MappingJackson2MessageConverter();
        json.setTargetType(MessageType.TEXT);
        json.setTypeIdPropertyName("_type");
        template.setMessageConverter(json);
        Order order = new Order("o-1", 2, List.of("tea", "milk"));

        template.convertAndSend("json", order);
        template.convertAndSend("json", order);
        Message raw = template.receive("json");
        Object converted = template.receiveAndConvert("json");

        assertThat(raw).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) raw).getText())
                .contains("\"id\":\"o-1\"", "\"quantity\":2", "\"items\":[\"tea\",\"milk\"]");
        assertThat(raw.getStringProperty("_type")).isEqualTo(Order.class.getName());
        assertThat(converted).isEqualTo(order);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void receiveReturnsNullWhenNothingArrivesWithinTheTimeout(Transport transport) throws JMSException {
        JmsTemplate template = template(transport);
        template.setReceiveTimeout(200);

        long start = System.nanoTime();
        Message received = template.receive("empty");

        assertThat(received).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 3_000L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void browseSeesWaitingMessagesInOrderWithoutConsumingThem(Transport transport) throws JMSException {
        JmsTemplate template = template(transport);
        for (int i = 1; i <= 3; i++) {
            template.convertAndSend("browsed", "m" + i);
        }

        List<String> seen = template.browse("browsed", (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                bodies.add(((TextMessage) e.nextElement()).getText());
            }
            return bodies;
        });

        assertThat(seen).containsExactly("m1", "m2", "m3");
        assertThat(template.receiveAndConvert("browsed")).isEqualTo("m1");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void priorityAndTimeToLiveFromTheTemplateReachTheMessage(Transport transport) throws JMSException {
        JmsTemplate template = template(transport);
        template.setExplicitQosEnabled(true);
        template.setPriority(7);
        template.setTimeToLive(60_000);

        template.convertAndSend("qos", "urgent");
        Message received = template.receive("qos");

        assertThat(received.getJMSPriority()).isEqualTo(7);
        assertThat(received.getJMSExpiration()).isGreaterThan(received.getJMSTimestamp());
    }
}
