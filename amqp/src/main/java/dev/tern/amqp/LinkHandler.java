package dev.tern.amqp;

import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Link;

/** What an attached link does with the peer's frames; kept as the Proton link's context. */
interface LinkHandler {

    /** The peer sent a flow for the link. */
    default void flow() {
    }

    /** A delivery of the link arrived or changed (transfer, disposition). */
    void delivery(Delivery delivery);

    /**
     * The peer detached the link, or ended its session.
     *
     * @param closed the peer closed the link for good (its terminus is to be destroyed)
     * @param sessionEnded the link ends with its session, so no detach is echoed
     */
    void detached(boolean closed, boolean sessionEnded);

    /**
     * Answers the peer's detach of a link and frees it: closes it if the peer closed it, else detaches it;
     * nothing is echoed when the link ends with its session.
     */
    static void answerDetach(Link link, boolean closed, boolean sessionEnded) {
        if (sessionEnded) {
            return;
        }
        if (closed) {
            link.close();
        } else {
            link.detach();
        }
        link.free();
    }
}
