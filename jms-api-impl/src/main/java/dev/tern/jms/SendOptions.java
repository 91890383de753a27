package dev.tern.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** The header values a producer stamps on what it sends. Mutable; each producer owns one. */
final class SendOptions {

    int deliveryMode = DeliveryMode.PERSISTENT;
    int priority = Message.DEFAULT_PRIORITY;
    long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    boolean disableMessageId;
    boolean disableTimestamp;

    SendOptions copy() {
        SendOptions copy = new SendOptions();
        copy.deliveryMode = deliveryMode;
        copy.priority = priority;
        copy.timeToLive = timeToLive;
        copy.deliveryDelay = deliveryDelay;
        copy.disableMessageId = disableMessageId;
        copy.disableTimestamp = disableTimestamp;
        return copy;
    }

    static int checkDeliveryMode(int deliveryMode) throws JMSException {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("Invalid delivery mode " + deliveryMode
                    + "; use DeliveryMode.PERSISTENT or DeliveryMode.NON_PERSISTENT.");
        }
        return deliveryMode;
    }

    static int checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("Invalid priority " + priority + "; priorities run from 0 to 9.");
        }
        return priority;
    }
}
