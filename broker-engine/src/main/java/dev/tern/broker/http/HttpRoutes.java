package dev.tern.broker.http;

/** Answers the requests of an {@link HttpEndpoint}; runs on the endpoint's own thread, never an I/O thread. */
@FunctionalInterface
public interface HttpRoutes {

    HttpAnswer answer(HttpCall call);
}
