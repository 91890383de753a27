package dev.tern.broker.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the routes see it, already read off the socket.
 *
 * @param method {@code GET}, {@code POST} ...
 * @param path the path without the query, such as {@code /metrics}
 * @param query the query's parameters, decoded
 * @param headers the request's headers by lower-case name; the last value of a repeated one
 * @param from the client's address, as the audit log and the login limits name it
 * @param body the request's body, decoded as UTF-8; empty if none
 */
public record HttpCall(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        String from, String body) {

    /** The first value of a query parameter, or null. */
    public String parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The {@code Authorization} header, or null. */
    public String authorization() {
        return header("Authorization");
    }
}
