package dev.tern.broker.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: a status, a body and its type, and any further headers.
 *
 * @param status the HTTP status code
 * @param contentType the body's media type
 */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    /** Plain text. */
    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A JSON document, already written. */
    public static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 401, asking for HTTP basic credentials. */
    public static HttpAnswer unauthorized(String message) {
        return new HttpAnswer(401, TEXT, message.getBytes(StandardCharsets.UTF_8),
                Map.of("WWW-Authenticate", "Basic realm=\"Tern\", charset=\"UTF-8\""));
    }

    /** 404. */
    public static HttpAnswer notFound(String path) {
        return text(404, "Nothing at " + path + "\n");
    }
}
