package dev.tern.broker;

import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.protocol.ErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one broker.
 *
 * @param name the broker's name; an embedded broker is found by it
 * @param persistent false keeps everything in memory
 * @param dataDir where the H2 journal lives when persistent
 * @param clock the time source for timestamps and timers; tests may pass a controllable one
 * @param usersFile the users, passwords and roles every connection must authenticate against (see
 *     {@link dev.tern.broker.security.UsersFile}), or null to let every connection in
 * @param tcp how to listen on {@code tcp://}, or null to serve clients in this JVM only
 * @param policies per-destination settings such as limits; they can also change while the broker runs
 */
public record BrokerConfig(String name, boolean persistent, Path dataDir, Clock clock, Path usersFile, TcpSettings tcp,
        AddressPolicies policies) {

    /** The prefix of the options that set {@linkplain AddressPolicies destination policies}. */
    public static final String POLICY_PREFIX = "policy.";

    /** The directory under the working directory where embedded brokers keep data by default. */
    public static final Path DEFAULT_DATA_ROOT = Path.of("tern-data");

    public BrokerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policies, "policies");
    }

    /** A persistent broker storing under {@code ./tern-data/NAME}, not listening on TCP. */
    public static BrokerConfig named(String name) {
        return new BrokerConfig(name, true, DEFAULT_DATA_ROOT.resolve(name), Clock.systemUTC(), null, null, AddressPolicies.NONE);
    }

    /**
     * The configuration that {@code vm://NAME?broker.OPTION=VALUE} asks for. Known options are
     * {@code persistent} ({@code true} or {@code false}), {@code dataDir} (a directory; the data
     * goes directly into it), {@code usersFile} (a {@link dev.tern.broker.security.UsersFile}) and
     * {@code tcpPort} (also listen on {@code tcp://} on this port, 0 for any free one), and
     * {@code policy.<address pattern>.<setting>} ({@linkplain AddressPolicies destination policies}).
     *
     * @throws BrokerException for an unknown option or a bad value, naming it
     */
    public static BrokerConfig fromOptions(String name, Map<String, String> options) {
        BrokerConfig config = named(name);
        Map<String, String> policyOptions = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            if (option.getKey().startsWith(POLICY_PREFIX)) {
                policyOptions.put(option.getKey().substring(POLICY_PREFIX.length()), value);
                continue;
            }
            config = switch (option.getKey()) {
                case "persistent" -> config.withPersistent(parseBoolean(option.getKey(), value));
                case "dataDir" -> config.withDataDir(Path.of(value));
                case "usersFile" -> config.withUsersFile(Path.of(value));
                case "tcpPort" -> config.withTcpPort(parsePort(value));
                default -> throw new BrokerException(ErrorCode.INVALID_ARGUMENT,
                        "Unknown broker option broker." + option.getKey() + "; known options are broker.persistent, "
                                + "broker.dataDir, broker.usersFile, broker.tcpPort and broker.policy.*.");
            };
        }
        try {
            return config.withPolicies(AddressPolicies.fromOptions(policyOptions));
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    public BrokerConfig withPersistent(boolean newPersistent) {
        return new BrokerConfig(name, newPersistent, dataDir, clock, usersFile, tcp, policies);
    }

    public BrokerConfig withDataDir(Path newDataDir) {
        return new BrokerConfig(name, persistent, newDataDir, clock, usersFile, tcp, policies);
    }

    public BrokerConfig withClock(Clock newClock) {
        return new BrokerConfig(name, persistent, dataDir, newClock, usersFile, tcp, policies);
    }

    public BrokerConfig withUsersFile(Path newUsersFile) {
        return new BrokerConfig(name, persistent, dataDir, clock, newUsersFile, tcp, policies);
    }

    /** Also listens on {@code tcp://} with these settings; null for no TCP. */
    public BrokerConfig withTcp(TcpSettings newTcp) {
        return new BrokerConfig(name, persistent, dataDir, clock, usersFile, newTcp, policies);
    }

    /**
     * Also listens on {@code tcp://} on every interface on this port, 0 for any free one (see
     * {@link Broker#tcpPort()}), with default idle timeout and frame size.
     */
    public BrokerConfig withTcpPort(int port) {
        return withTcp(TcpSettings.onPort(port));
    }

    public BrokerConfig withPolicies(AddressPolicies newPolicies) {
        return new BrokerConfig(name, persistent, dataDir, clock, usersFile, tcp, newPolicies);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BrokerException(ErrorCode.INVALID_ARGUMENT,
                "broker.tcpPort must be a port number 0..65535, was '" + value + "'.");
    }

    private static boolean parseBoolean(String key, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new BrokerException(ErrorCode.INVALID_ARGUMENT,
                "broker." + key + " must be true or false, was '" + value + "'.");
    }
}
