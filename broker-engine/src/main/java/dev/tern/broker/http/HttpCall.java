package dev.tern.broker.http;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the routes see it, already read off the socket.
 *
 * @param method {@code GET}, {@code POST} ...
 * @param path the path without the query, such as {@code /metrics}
 * @param query the query's parameters, decoded
 * @param authorization the {@code Authorization} header, or null
 * @param from the client's address, as the audit log and the login limits name it
 * @param body the request's body, decoded as UTF-8; empty if none
 */
public record HttpCall(String method, String path, Map<String, List<String>> query, String authorization, String from,
        String body) {

    /** The first value of a query parameter, or null. */
    public String parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
