package dev.tern.broker.net;

/** A listening port of one protocol; {@link #close()} closes its sockets and stops its threads. */
public interface ProtocolAcceptor extends AutoCloseable {

    /** The port listened on; the one picked if the settings asked for port 0. */
    int port();

    /** Sockets open now, including those that have not completed their handshake. */
    int openChannels();

    /** Stops accepting new sockets; those open stay open. */
    void stopAccepting();

    /** Closes every socket, after what is queued for it is written, and stops the threads. */
    @Override
    void close();
}
