package dev.tern.spring;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/** What a listener saw of one delivery: the text body and the redelivery headers. */
record Delivery(String body, boolean redelivered, int deliveryCount, String thread) {

    static Delivery of(Message message) throws JMSException {
        return new Delivery(((TextMessage) message).getText(), message.getJMSRedelivered(),
                message.getIntProperty("JMSXDeliveryCount"), Thread.currentThread().getName());
    }
}
