package dev.tern.broker.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Prometheus's text exposition format 0.0.4 into samples, refusing what the format does not allow:
 * a sample without a {@code # TYPE} before it, a bad label, a value that is not a number. Tests read
 * {@code /metrics} through it rather than matching strings.
 */
final class PrometheusText {

    /** One sample: a metric name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();

    private PrometheusText() {
    }

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n")) {
            parsed.line(line);
        }
        return parsed;
    }

    List<Sample> samples() {
        return samples;
    }

    /** The type a {@code # TYPE} line gave a family: counter, gauge, summary ... */
    String type(String family) {
        return types.get(family);
    }

    /** Samples of this name whose labels include these. */
    List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The one sample of this name with these labels. */
    double value(String name, Map<String, String> labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " with " + labels);
        }
        return found.get(0).value();
    }

    private void line(String line) {
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            if (parts.length != 2) {
                throw new IllegalArgumentException("bad TYPE line: " + line);
            }
            types.put(parts[0], parts[1]);
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        int at = 0;
        while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_'
                || line.charAt(at) == ':')) {
            at++;
        }
        String name = line.substring(0, at);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new IllegalArgumentException("bad metric name: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
        }
        if (at >= line.length() || line.charAt(at) != ' ') {
            throw new IllegalArgumentException("no value: " + line);
        }
        String[] rest = line.substring(at + 1).trim().split(" ");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (familyType(name) == null) {
            throw new IllegalArgumentException("sample without a TYPE: " + line);
        }
        samples.add(new Sample(name, labels, value));
    }

    private String familyType(String name) {
        for (String suffix : new String[] {"", "_total", "_count", "_sum", "_bucket", "_max"}) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return types.get(name.substring(0, name.length() - suffix.length()));
            }
        }
        return types.get(name);
    }

    /** Reads {@code a="x",b="y"}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String label = line.substring(at, equals);
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("bad label at " + at + ": " + line);
            }
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            at = i + 1;
            if (line.charAt(at) == ',') {
                at++;
            }
        }
        return at + 1;
    }
}
