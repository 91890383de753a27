package dev.tern.broker.http;

/**
 * Answers the requests of an {@link HttpEndpoint}: on the endpoint's own threads, or, for a request
 * {@link #isQuick}, on the socket's I/O thread.
 */
@FunctionalInterface
public interface HttpRoutes {

    HttpAnswer answer(HttpCall call);

    /**
     * Whether a request is answered at once from state at hand, without waiting, a login or a lock held for
     * long (a health check), so that requests queued for the endpoint's threads cannot hold it up.
     */
    default boolean isQuick(HttpCall call) {
        return false;
    }
}
