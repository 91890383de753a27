package dev.tern.broker.jmx;

/**
 * A broker, as JMX shows it: its counts and its journal's. Registered as
 * {@code dev.tern:type=Broker,name=BROKER}; its queues are beneath it (see {@link QueueControlMBean}).
 */
public interface BrokerControlMBean {

    String getName();

    int getConnectionCount();

    int getSessionCount();

    int getQueueCount();

    /** Units made durable since start. */
    long getJournalUnits();

    /** Forces of the journal since start. */
    long getJournalSyncs();

    /** The names of every queue and subscription queue. */
    String[] getQueueNames();

    /** Changes a destination policy setting until the broker stops, as {@code tern policy set} does. */
    void setPolicy(String pattern, String setting, String value);
}
