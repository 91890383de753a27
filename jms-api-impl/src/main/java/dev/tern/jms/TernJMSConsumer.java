package dev.tern.jms;

import static dev.tern.jms.JmsExceptions.unchecked;
import static dev.tern.jms.JmsExceptions.uncheckedRun;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** The simplified API's consumer: a {@link TernMessageConsumer} with runtime exceptions and body receives. */
final class TernJMSConsumer implements JMSConsumer {

    private final TernMessageConsumer consumer;

    TernJMSConsumer(TernMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        uncheckedRun(() -> consumer.setMessageListener(listener));
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
        return unchecked(() -> consumer.receiveBody(type, 0));
    }

    @Override
    public <T> T receiveBody(Class<T> type, long timeout) {
        return unchecked(() -> consumer.receiveBody(type, timeout <= 0 ? 0 : timeout));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> type) {
        return unchecked(() -> consumer.receiveBody(type, -1));
    }
}
