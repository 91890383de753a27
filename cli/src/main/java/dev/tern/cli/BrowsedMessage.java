package dev.tern.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browsed message as {@code tern browse --output json} prints it: its headers, its properties, and its
 * body if it is text (the size of a bytes body otherwise).
 *
 * @param type the message's class: TextMessage, BytesMessage, MapMessage, ObjectMessage, StreamMessage or Message
 * @param text a text message's body, else null
 * @param bodyLength a bytes message's length in bytes, else null
 */
record BrowsedMessage(String id, String type, int priority, long timestamp, long expiration, boolean persistent,
        String correlationId, String jmsType, Map<String, Object> properties, String text, Long bodyLength) {

    static BrowsedMessage of(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        return new BrowsedMessage(message.getJMSMessageID(), kind(message), message.getJMSPriority(),
                message.getJMSTimestamp(), message.getJMSExpiration(),
                message.getJMSDeliveryMode() == jakarta.jms.DeliveryMode.PERSISTENT, message.getJMSCorrelationID(),
                message.getJMSType(), properties,
                message instanceof TextMessage text ? text.getText() : null,
                message instanceof BytesMessage bytes ? bytes.getBodyLength() : null);
    }

    private static String kind(Message message) {
        if (message instanceof TextMessage) {
            return "TextMessage";
        } else if (message instanceof BytesMessage) {
            return "BytesMessage";
        } else if (message instanceof MapMessage) {
            return "MapMessage";
        } else if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        } else if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return "Message";
    }
}
