package dev.tern.broker.session;

import dev.tern.broker.core.Journal;
import dev.tern.broker.core.PostOffice;
import dev.tern.broker.core.Subscriptions;

/** What a connection needs from its broker. */
public interface BrokerServices {

    PostOffice postOffice();

    Subscriptions subscriptions();

    Journal journal();

    ClientIds clientIds();

    long nextMessageId();
}
