package dev.tern.jms.crash.soak;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/**
 * Where the soak's producers send, and how the one consumer of each receives and settles: three queues, one
 * per acknowledgment mode, and a topic with a durable subscription.
 */
enum SoakDestination {
    AUTO_QUEUE("soak.auto", false, Settlement.HANDED_OVER),
    CLIENT_QUEUE("soak.client", false, Settlement.ACKNOWLEDGED),
    TRANSACTED_QUEUE("soak.transacted", false, Settlement.COMMITTED),
    DURABLE_TOPIC("soak.events", true, Settlement.ACKNOWLEDGED);

    /** The client ID of the durable subscriber's connections. */
    static final String CLIENT_ID = "soak-subscriber";
    static final String SUBSCRIPTION = "audit";

    private final String address;
    private final boolean topic;
    private final Settlement settlement;

    SoakDestination(String address, boolean topic, Settlement settlement) {
        this.address = address;
        this.topic = topic;
        this.settlement = settlement;
    }

    /** The queue or topic name. */
    String address() {
        return address;
    }

    boolean isTopic() {
        return topic;
    }

    /** How its consumer settles what it received. */
    Settlement settlement() {
        return settlement;
    }

    Destination in(Session session) throws JMSException {
        return topic ? session.createTopic(address) : session.createQueue(address);
    }

    /** The queue's consumer, or the topic's durable subscriber. */
    MessageConsumer consumerOn(Session session) throws JMSException {
        return topic ? session.createDurableSubscriber(session.createTopic(address), SUBSCRIPTION)
                : session.createConsumer(session.createQueue(address));
    }

    @Override
    public String toString() {
        return topic ? address + " (durable subscription)" : address;
    }
}
