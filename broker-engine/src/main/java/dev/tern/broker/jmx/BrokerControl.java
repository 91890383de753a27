package dev.tern.broker.jmx;

import dev.tern.broker.Broker;
import dev.tern.broker.core.MessageQueue;

/** The {@link BrokerControlMBean} of a broker. */
final class BrokerControl implements BrokerControlMBean {

    private final Broker broker;

    BrokerControl(Broker broker) {
        this.broker = broker;
    }

    @Override
    public String getName() {
        return broker.config().name();
    }

    @Override
    public int getConnectionCount() {
        return broker.connectionCount();
    }

    @Override
    public int getSessionCount() {
        return broker.sessionCount();
    }

    @Override
    public int getQueueCount() {
        return broker.postOffice().queues().size();
    }

    @Override
    public long getJournalUnits() {
        return broker.journalStatistics().units();
    }

    @Override
    public long getJournalSyncs() {
        return broker.journalStatistics().syncs();
    }

    @Override
    public String[] getQueueNames() {
        return broker.postOffice().queues().stream().map(MessageQueue::name).sorted().toArray(String[]::new);
    }

    @Override
    public void setPolicy(String pattern, String setting, String value) {
        Refusals.run(() -> broker.setPolicy(pattern, setting, value));
    }
}
