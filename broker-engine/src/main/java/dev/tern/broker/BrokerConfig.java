package dev.tern.broker;

import dev.tern.broker.net.ProtocolHead;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.security.AccessRules;
import dev.tern.broker.security.JaasSettings;
import dev.tern.broker.security.LoginLimits;
import dev.tern.broker.security.SecurityOptions;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.broker.store.PostgresSettings;
import dev.tern.protocol.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.management.MBeanServer;

/**
 * How to run one broker.
 *
 * @param name the broker's name; an embedded broker is found by it
 * @param persistent false keeps everything in memory
 * @param dataDir where the H2 journal lives when persistent
 * @param clock the time source for timestamps and timers; tests may pass a controllable one
 * @param security who may connect (the users file, if any, and the guest user) and what each may do (the access rules)
 * @param tcp how to listen on {@code tcp://}, or null to serve clients in this JVM only
 * @param policies per-destination settings such as limits; they can also change while the broker runs
 * @param protocols the other protocols to serve, each on a port of its own, by {@linkplain ProtocolHead#name() name}
 *     ({@code amqp}, {@code stomp}); their modules must be on the class path
 * @param management the meter registry and the HTTP endpoint
 * @param postgres when persistent, the PostgreSQL database to keep the journal in instead of H2 under {@code dataDir},
 *     or null; see {@link #withPostgres}
 */
public record BrokerConfig(String name, boolean persistent, Path dataDir, Clock clock, SecuritySettings security,
        TcpSettings tcp, AddressPolicies policies, Map<String, TcpSettings> protocols, ManagementSettings management,
        PostgresSettings postgres) {

    /** The prefix of the options that set {@linkplain AddressPolicies destination policies}. */
    public static final String POLICY_PREFIX = "policy.";

    /** The directory under the working directory where embedded brokers keep data by default. */
    public static final Path DEFAULT_DATA_ROOT = Path.of("tern-data");

    public BrokerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(management, "management");
        protocols = Collections.unmodifiableMap(new LinkedHashMap<>(protocols));
    }

    /** A persistent broker storing under {@code ./tern-data/NAME}, not listening on TCP. */
    public static BrokerConfig named(String name) {
        return new BrokerConfig(name, true, DEFAULT_DATA_ROOT.resolve(name), Clock.systemUTC(), SecuritySettings.NONE,
                null, AddressPolicies.NONE, Map.of(), ManagementSettings.NONE, null);
    }

    /**
     * The configuration that {@code vm://NAME?broker.OPTION=VALUE} asks for. Known options are
     * {@code persistent} ({@code true} or {@code false}), {@code dataDir} (a directory; the data
     * goes directly into it), {@code usersFile} (a {@link dev.tern.broker.security.UsersFile}),
     * {@code guestUser} (see {@link #withGuestUser}), {@code jaasConfigFile}, {@code jaasEntry} and
     * {@code jaasRolePrincipalClasses} (see {@link JaasSettings}), {@code certificateUsersFile}, {@code maxFailedLoginsPerMinute}, {@code maxConnectionsPerUser}
     * and {@code maxConnectionsPerAddress} (see {@link LoginLimits}), {@code tcpPort} (also listen on {@code tcp://} on
     * this port, 0 for any free one), {@code amqpPort} and {@code stompPort} (also serve AMQP 1.0 or STOMP on
     * this port, with {@code tern-amqp} or {@code tern-stomp} on the class path), {@code httpPort} (serve
     * {@code /health} and {@code /metrics} on this port of {@code localhost}, see {@link #withHttp}), {@code jmx}
     * ({@code true} registers the broker's MBeans in the platform's MBean server), {@code policy.<address pattern>.<setting>}
     * ({@linkplain AddressPolicies destination policies}) and {@code security.<address pattern>.<permission>}
     * (roles, separated by commas, granted a permission by the {@linkplain AccessRules access rules}).
     *
     * @throws BrokerException for an unknown option or a bad value, naming it
     */
    public static BrokerConfig fromOptions(String name, Map<String, String> options) {
        BrokerConfig config = named(name);
        Map<String, String> policyOptions = new LinkedHashMap<>();
        Map<String, String> securityOptions = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue();
            if (option.getKey().startsWith(POLICY_PREFIX)) {
                policyOptions.put(option.getKey().substring(POLICY_PREFIX.length()), value);
                continue;
            }
            if (SecurityOptions.reads(option.getKey())) {
                securityOptions.put(option.getKey(), value);
                continue;
            }
            config = switch (option.getKey()) {
                case "persistent" -> config.withPersistent(parseBoolean(option.getKey(), value));
                case "dataDir" -> config.withDataDir(Path.of(value));
                case "tcpPort" -> config.withTcpPort(parsePort(option.getKey(), value));
                case "amqpPort", "stompPort" -> config.withProtocol(
                        option.getKey().substring(0, option.getKey().length() - "Port".length()),
                        TcpSettings.onPort(parsePort(option.getKey(), value)));
                case "httpPort" -> config.withHttp(TcpSettings.onPort(parsePort(option.getKey(), value)).withHost("localhost"));
                case "jmx" -> config.withJmx(parseBoolean(option.getKey(), value) ? ManagementFactory.getPlatformMBeanServer() : null);
                default -> throw new BrokerException(ErrorCode.INVALID_ARGUMENT,
                        "Unknown broker option broker." + option.getKey() + "; known options are broker.persistent, "
                                + "broker.dataDir, broker.usersFile, broker.guestUser, broker.jaasConfigFile, broker.jaasEntry, "
                                + "broker.jaasRolePrincipalClasses, broker.certificateUsersFile, broker.maxFailedLoginsPerMinute, "
                                + "broker.maxConnectionsPerUser, broker.maxConnectionsPerAddress, broker.tcpPort, "
                                + "broker.amqpPort, broker.stompPort, broker.httpPort, broker.jmx, broker.policy.* and broker.security.*.");
            };
        }
        try {
            return config.withPolicies(AddressPolicies.fromOptions(policyOptions))
                    .withSecurity(SecurityOptions.apply(config.security(), securityOptions, Path::of, "broker."));
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    public BrokerConfig withPersistent(boolean newPersistent) {
        return new BrokerConfig(name, newPersistent, dataDir, clock, security, tcp, policies, protocols, management, postgres);
    }

    public BrokerConfig withDataDir(Path newDataDir) {
        return new BrokerConfig(name, persistent, newDataDir, clock, security, tcp, policies, protocols, management, postgres);
    }

    public BrokerConfig withClock(Clock newClock) {
        return new BrokerConfig(name, persistent, dataDir, newClock, security, tcp, policies, protocols, management, postgres);
    }

    /** Who may connect: the users file and the guest user together. */
    public BrokerConfig withSecurity(SecuritySettings newSecurity) {
        return new BrokerConfig(name, persistent, dataDir, clock, newSecurity, tcp, policies, protocols, management, postgres);
    }

    /**
     * Connections must authenticate against this users file (see {@link dev.tern.broker.security.UsersFile});
     * null lets every connection in.
     */
    public BrokerConfig withUsersFile(Path newUsersFile) {
        return withSecurity(security.withUsersFile(newUsersFile));
    }

    /**
     * A connection that gives no user name acts as this user of the users file, with its roles; null
     * refuses such connections (the default). The broker refuses to start if there is no users file or
     * the user is not in it.
     */
    public BrokerConfig withGuestUser(String newGuestUser) {
        return withSecurity(security.withGuestUser(newGuestUser));
    }

    /**
     * Grants permissions on destinations to roles; with no rules, a broker without users allows every
     * connection everything and one with users allows everything but administration, which needs the role
     * {@code admin} (see {@link SecuritySettings#effectiveAccessRules}).
     */
    public BrokerConfig withAccessRules(AccessRules newAccessRules) {
        return withSecurity(security.withAccessRules(newAccessRules));
    }

    /** Limits against abuse of the login: failed logins per address and minute, connections per user and address. */
    public BrokerConfig withLoginLimits(LoginLimits newLimits) {
        return withSecurity(security.withLimits(newLimits));
    }

    /** Also listens on {@code tcp://} with these settings; null for no TCP. */
    public BrokerConfig withTcp(TcpSettings newTcp) {
        return new BrokerConfig(name, persistent, dataDir, clock, security, newTcp, policies, protocols, management, postgres);
    }

    /**
     * Also listens on {@code tcp://} on every interface on this port, 0 for any free one (see
     * {@link Broker#tcpPort()}), with default idle timeout and frame size.
     */
    public BrokerConfig withTcpPort(int port) {
        return withTcp(TcpSettings.onPort(port));
    }

    public BrokerConfig withPolicies(AddressPolicies newPolicies) {
        return new BrokerConfig(name, persistent, dataDir, clock, security, tcp, newPolicies, protocols, management, postgres);
    }

    /**
     * Also serves the protocol with this {@linkplain ProtocolHead#name() name} with these settings; null
     * settings stop serving it. The protocol's module must be on the class path when the broker starts.
     */
    public BrokerConfig withProtocol(String protocol, TcpSettings settings) {
        Map<String, TcpSettings> newProtocols = new LinkedHashMap<>(protocols);
        if (settings == null) {
            newProtocols.remove(protocol);
        } else {
            newProtocols.put(protocol, settings);
        }
        return new BrokerConfig(name, persistent, dataDir, clock, security, tcp, policies, newProtocols, management, postgres);
    }

    /** How the broker is watched: its meter registry and its HTTP endpoint. */
    public BrokerConfig withManagement(ManagementSettings newManagement) {
        return new BrokerConfig(name, persistent, dataDir, clock, security, tcp, policies, protocols, newManagement, postgres);
    }

    /**
     * Keeps the journal in this PostgreSQL database rather than in H2 under {@code dataDir}, and shares it with
     * other brokers pointed at it: one is live, the others backups (see {@link PostgresSettings}); null for H2.
     * The broker is then persistent. The PostgreSQL driver and HikariCP must be on the class path ({@code tern-cli}
     * brings them).
     */
    public BrokerConfig withPostgres(PostgresSettings settings) {
        return new BrokerConfig(name, persistent || settings != null, dataDir, clock, security, tcp, policies, protocols,
                management, settings);
    }

    /**
     * Serves the web console, {@code /health} and {@code /metrics} over HTTP on this interface and port (0 for
     * any free one, see {@link Broker#httpPort()}); null for no HTTP. Bind to {@code localhost} unless
     * others must reach it.
     */
    public BrokerConfig withHttp(TcpSettings settings) {
        return withManagement(management.withHttp(settings));
    }

    /**
     * Registers the broker's MBeans ({@code dev.tern:type=Broker,name=NAME} and its queues) in this server,
     * such as {@code ManagementFactory.getPlatformMBeanServer()}, which jconsole and VisualVM show; null for none.
     */
    public BrokerConfig withJmx(MBeanServer server) {
        return withManagement(management.withJmx(server));
    }

    /** Registers the broker's meters in this registry, such as an application's own; null for none. */
    public BrokerConfig withMeterRegistry(MeterRegistry registry) {
        return withManagement(management.withMeterRegistry(registry));
    }

    private static int parsePort(String key, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BrokerException(ErrorCode.INVALID_ARGUMENT,
                "broker." + key + " must be a port number 0..65535, was '" + value + "'.");
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
