package dev.tern.broker.policy;

import dev.tern.protocol.DestinationName;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One named, typed setting of an {@link AddressPolicy}, with its default and the parser for the text
 * form used in configuration files and URLs. The settings Tern knows are listed in {@link PolicySettings}.
 *
 * @param <T> the type of the value
 */
public final class PolicySetting<T> {

    private final String name;
    private final T defaultValue;
    private final Function<String, T> parser;

    PolicySetting(String name, T defaultValue, Function<String, T> parser) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.parser = parser;
    }

    /** The key in configuration: {@code policy.<pattern>.<name>}. */
    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Reads a value from its text form.
     *
     * @throws IllegalArgumentException naming the setting and what it expects
     */
    public T parse(String text) {
        Objects.requireNonNull(text, name);
        try {
            return parser.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Policy setting " + name + ": " + e.getMessage(), e);
        }
    }

    /** A count or size where -1 means no limit; sizes may end in KB, MB or GB (powers of 1024). */
    static PolicySetting<Long> limit(String name, long defaultValue) {
        return new PolicySetting<>(name, defaultValue, PolicySetting::parseLimit);
    }

    /** A number of milliseconds, at least 0. */
    static PolicySetting<Long> millis(String name, long defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            long value = parseLong(text);
            if (value < 0) {
                throw new IllegalArgumentException("must be at least 0 milliseconds, was " + text);
            }
            return value;
        });
    }

    /** A number of milliseconds, at least 0, or -1 for "for ever". */
    static PolicySetting<Long> millisOrForever(String name, long defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            long value = parseLong(text);
            if (value < -1) {
                throw new IllegalArgumentException("must be -1 (for ever) or a number of milliseconds at least 0, was "
                        + text);
            }
            return value;
        });
    }

    /** A whole number of things, at least 0. */
    static PolicySetting<Integer> count(String name, int defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            long value = parseLong(text);
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "must be a whole number from 0 to " + Integer.MAX_VALUE + ", was " + text);
            }
            return (int) value;
        });
    }

    /** A number of milliseconds, at least 0, or -1 for "derived from another setting". */
    static PolicySetting<Long> millisOrDerived(String name) {
        return new PolicySetting<>(name, -1L, text -> {
            long value = parseLong(text);
            if (value < -1) {
                throw new IllegalArgumentException("must be -1 or a number of milliseconds at least 0, was " + text);
            }
            return value;
        });
    }

    /** A count of at least 1, or -1 for no limit. */
    static PolicySetting<Integer> attempts(String name, int defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            long value = parseLong(text);
            if (value != -1 && (value < 1 || value > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("must be -1 (no limit) or a whole number at least 1, was " + text);
            }
            return (int) value;
        });
    }

    /** {@code true} or {@code false}, in any case. */
    static PolicySetting<Boolean> flag(String name, boolean defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException("must be true or false, was '" + text + "'");
        });
    }

    /** A factor of at least 1.0. */
    static PolicySetting<Double> factor(String name, double defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number");
            }
            if (!(value >= 1.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("must be a number at least 1.0, was " + text);
            }
            return value;
        });
    }

    /** A plain queue's name; empty for none. */
    static PolicySetting<String> queueName(String name, String defaultValue) {
        return new PolicySetting<>(name, defaultValue, text -> {
            if (text.startsWith(DestinationName.TEMPORARY_PREFIX)) {
                throw new IllegalArgumentException("must name a plain queue; names starting with '"
                        + DestinationName.TEMPORARY_PREFIX + "' are reserved for temporary destinations, was '" + text + "'");
            }
            return text;
        });
    }

    static <E extends Enum<E>> PolicySetting<E> choice(String name, E defaultValue, Class<E> type) {
        return new PolicySetting<>(name, defaultValue, text -> {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                        + ", was '" + text + "'");
            }
        });
    }

    private static long parseLimit(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}}) {
            if (upper.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                upper = upper.substring(0, upper.length() - 2).strip();
                break;
            }
        }
        long value = parseLong(upper);
        if (value < -1 || (value == -1 && unit != 1)) {
            throw new IllegalArgumentException("must be -1 (no limit) or a number at least 0, was '" + text + "'");
        }
        return value == -1 ? -1 : Math.multiplyExact(value, unit);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
