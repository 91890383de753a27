package dev.tern.broker;

import dev.tern.broker.core.MessageQueue;
import dev.tern.broker.metrics.BrokerMeters;
import dev.tern.broker.metrics.BrokerReadings;
import dev.tern.broker.store.MessageStore;
import dev.tern.broker.metrics.PrometheusExposition;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;

/** Binds a broker's {@link BrokerMeters} to a registry: what they read, and what tells them of events. */
final class MetersBinding {

    private MetersBinding() {
    }

    /**
     * The registry the broker's meters go to: the one given, the Prometheus one of the HTTP endpoint, both
     * through a composite, or none.
     */
    static MeterRegistry registry(MeterRegistry given, PrometheusExposition prometheus) {
        if (prometheus == null) {
            return given;
        }
        if (given == null) {
            return prometheus.registry();
        }
        return new CompositeMeterRegistry(Clock.SYSTEM, List.of(given, prometheus.registry()));
    }

    /** Registers the broker's meters, and those of its queues, now and as queues come and go. */
    static BrokerMeters bind(Broker broker, MessageStore store, MeterRegistry registry) {
        BrokerMeters meters = new BrokerMeters(registry, broker.config().name(), new BrokerReadings() {
            @Override
            public double connections() {
                return broker.connectionCount();
            }

            @Override
            public double sessions() {
                return broker.sessionCount();
            }

            @Override
            public double queuedBytes() {
                return broker.postOffice().queues().stream().mapToLong(MessageQueue::memoryBytes).sum();
            }

            @Override
            public double storeBytes() {
                return store.sizeBytes();
            }

            @Override
            public double journalUnits() {
                return broker.journalStatistics().units();
            }

            @Override
            public double journalSyncs() {
                return broker.journalStatistics().syncs();
            }
        });
        broker.postOffice().watchQueues(meters);
        broker.journal().onConsumed(meters::consumed);
        store.observe(meters);
        return meters;
    }
}
