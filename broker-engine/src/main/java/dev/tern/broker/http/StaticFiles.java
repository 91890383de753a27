package dev.tern.broker.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's files, served from the broker's jar ({@code dev/tern/broker/http/console/}): a page, its
 * script and its style; no build step and nothing fetched from elsewhere.
 */
final class StaticFiles {

    private static final String ROOT = "console/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    /** The page may load only its own files, and no other site may frame it. */
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private StaticFiles() {
    }

    /** The file under {@code /console/} a path names, or 404; {@code /console/} is the page. */
    static HttpAnswer answer(String path) {
        String name = path.equals("/console/") ? "index.html" : path.substring("/console/".length());
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || !name.matches("[a-z0-9-]+\\.[a-z]+")) {
            return HttpAnswer.notFound(path);
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return HttpAnswer.notFound(path);
            }
            return new HttpAnswer(200, type, in.readAllBytes(), HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
