package dev.tern.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one line a {@link ScenarioChild} prints for its parent: either its result, as tab-separated {@code
 * key=value} fields (deliveries expected and seen, threads left, then every figure prefixed by {@code m.}),
 * or that the scenario cannot run on the broker, and why.
 *
 * <pre>
 * BENCH-RESULT  expected=200  delivered=200  threads_left=0  m.msg/s=13554.2  m.msg/fsync=3.1
 * BENCH-UNSUPPORTED  p2p-persistent-16p-async-vm needs a call the client does not support: ...
 * </pre>
 */
final class ChildResultLine {

    static final String RESULT = "BENCH-RESULT";
    static final String UNSUPPORTED = "BENCH-UNSUPPORTED";
    private static final String METRIC = "m.";

    private ChildResultLine() {
    }

    /** A run's figures, as the child reports them. */
    record Parsed(ScenarioResult result, int threadsLeft) {
    }

    static String of(ScenarioResult result, int threadsLeft) {
        StringBuilder line = new StringBuilder(RESULT)
                .append("\texpected=").append(result.expected())
                .append("\tdelivered=").append(result.delivered())
                .append("\tthreads_left=").append(threadsLeft);
        result.metrics().forEach((metric, value) -> {
            if (metric.indexOf('\t') >= 0 || metric.indexOf('=') >= 0) {
                throw new IllegalArgumentException("a figure's name may hold no tab and no '=': " + metric);
            }
            line.append('\t').append(METRIC).append(metric).append('=').append(Double.toString(value));
        });
        return line.toString();
    }

    static String unsupported(String reason) {
        return UNSUPPORTED + "\t" + reason.replace('\n', ' ').replace('\t', ' ');
    }

    /** The reason in an unsupported line, if {@code line} is one. */
    static Optional<String> unsupportedReason(String line) {
        return line.startsWith(UNSUPPORTED + "\t") ? Optional.of(line.substring(UNSUPPORTED.length() + 1))
                : Optional.empty();
    }

    /** The figures in a result line, if {@code line} is one. */
    static Optional<Parsed> parse(String line) {
        if (!line.startsWith(RESULT + "\t")) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String field : line.substring(RESULT.length() + 1).split("\t")) {
            int eq = field.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: " + field + " in " + line);
            }
            String key = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (key.startsWith(METRIC)) {
                metrics.put(key.substring(METRIC.length()), Double.parseDouble(value));
            } else {
                fields.put(key.toLowerCase(Locale.ROOT), value);
            }
        }
        ScenarioResult result = new ScenarioResult(Long.parseLong(required(fields, "expected", line)),
                Long.parseLong(required(fields, "delivered", line)), metrics);
        return Optional.of(new Parsed(result, Integer.parseInt(required(fields, "threads_left", line))));
    }

    private static String required(Map<String, String> fields, String key, String line) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + " in " + line);
        }
        return value;
    }
}
