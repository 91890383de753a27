package dev.tern.ra;

import static dev.tern.ra.RuntimeExceptions.unchecked;
import static dev.tern.ra.RuntimeExceptions.uncheckedRun;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;

/** A JMSConsumer over a consumer of a session handle; message listeners are not allowed in a container. */
final class TernRaJMSConsumer implements JMSConsumer {

    private final MessageConsumer consumer;

    TernRaJMSConsumer(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        throw new IllegalStateRuntimeException(TernRaConnection.restricted("JMSConsumer.getMessageListener").getMessage());
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        throw new IllegalStateRuntimeException(TernRaConnection.restricted("JMSConsumer.setMessageListener").getMessage());
    }

    @Override
    public Message receive() {
        return unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        uncheckedRun(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> type) {
        return body(receive(), type);
    }

    @Override
    public <T> T receiveBody(Class<T> type, long timeout) {
        return body(receive(timeout), type);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> type) {
        return body(receiveNoWait(), type);
    }

    private static <T> T body(Message message, Class<T> type) {
        return message == null ? null : unchecked(() -> message.getBody(type));
    }
}
