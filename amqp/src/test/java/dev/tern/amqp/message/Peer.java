package dev.tern.amqp.message;

import org.apache.qpid.proton.message.Message;

/** Plays an AMQP peer: encodes a Proton-J message section by section, as a sender puts it in a transfer. */
final class Peer {

    private Peer() {
    }

    static byte[] encode(Message message) {
        return SectionCodec.encode(0, message.getHeader(), message.getDeliveryAnnotations(),
                message.getMessageAnnotations(), message.getProperties(), message.getApplicationProperties(),
                message.getBody(), message.getFooter());
    }
}
