package dev.tern.jms.crash.soak;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * Which producer sent a soak message and its number in that producer's sequence, carried as two message
 * properties. Numbers rise by one per send attempt, whatever the destination.
 */
record SoakId(int producer, long seq) {

    static final String PRODUCER = "soakProducer";
    static final String SEQ = "soakSeq";

    void stamp(Message message) throws JMSException {
        message.setIntProperty(PRODUCER, producer);
        message.setLongProperty(SEQ, seq);
    }

    static SoakId of(Message message) throws JMSException {
        return new SoakId(message.getIntProperty(PRODUCER), message.getLongProperty(SEQ));
    }

    @Override
    public String toString() {
        return "p" + producer + "#" + seq;
    }
}
