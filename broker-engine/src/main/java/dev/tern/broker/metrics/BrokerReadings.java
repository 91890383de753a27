package dev.tern.broker.metrics;

/** What a broker's gauges and counters read from it; see {@link BrokerMeters}. */
public interface BrokerReadings {

    /** Client connections open now. */
    double connections();

    /** Sessions open now, on every connection. */
    double sessions();

    /** Memory the waiting messages of every queue take, in bytes. */
    double queuedBytes();

    /** The size of the store's file in bytes; 0 for a store in memory. */
    double storeBytes();

    /** Units made durable since start. */
    double journalUnits();

    /** Forces of the journal since start. */
    double journalSyncs();
}
