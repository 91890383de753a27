package dev.tern.jms;

import jakarta.jms.JMSException;

/** The connection that created a temporary destination, and so may delete it. */
interface TemporaryDestinationOwner {

    void deleteTemporaryDestination(TernDestination destination) throws JMSException;
}
