package dev.tern.cli;

import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.net.TlsSettings;
import dev.tern.broker.policy.AddressPolicies;
import dev.tern.broker.security.SecurityOptions;
import dev.tern.broker.security.SecuritySettings;
import dev.tern.protocol.MessageLimits;
import dev.tern.protocol.wire.TlsVersions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything the standalone broker is configured with: defaults, overridden by a configuration file,
 * overridden by command-line flags. The file is a properties file:
 *
 * <pre>
 * # Tern standalone broker; every key is optional. A comment must be on its own line.
 * name = tern
 * # without usersFile: 127.0.0.1 unless allowAnonymous; with it, or with allowAnonymous: 0.0.0.0
 * host = 0.0.0.0
 * allowAnonymous = false
 * port = 61616
 * # AMQP 1.0 and STOMP, each on a port of its own: a number, or off
 * amqpPort = 5672
 * stompPort = 61613
 * # the HTTP port (the console, /health, /metrics): a port, or off (the default); on localhost unless httpHost says otherwise
 * httpPort = 8161
 * httpHost = localhost
 * # MBeans (dev.tern:type=Broker,...) in the platform MBean server, for jconsole and VisualVM
 * jmx = true
 * dataDir = ./data
 * persistent = true
 * # the journal in PostgreSQL instead of H2 in dataDir, shared with backups (docs/high-availability.md)
 * store = postgresql
 * jdbcUrl = jdbc:postgresql://db.example.com:5432/tern
 * jdbcUser = tern
 * jdbcPassword = secret
 * backup = false
 * leaseTimeMillis = 10000
 * usersFile = ./users.properties
 * guestUser = guest
 * # instead of usersFile: a JAAS configuration file, its entry, and the classes of the role principals
 * jaasConfigFile = ./login.config
 * jaasEntry = tern
 * jaasRolePrincipalClasses = dev.tern.broker.security.RolePrincipal
 * # over TLS with trustStore: clients that give no user name log in by their certificate
 * certificateUsersFile = ./cert-users.properties
 * maxFailedLoginsPerMinute = 10
 * maxConnectionsPerUser = 0
 * maxConnectionsPerAddress = 0
 * idleTimeoutMillis = 30000
 * maxFrameSize = 16777216
 * maxMessageProperties = 4096
 * maxMessageHeaderSize = 1048576
 * maxMessageBodySize = 16777216
 * maxInFlightFrameBytes = 67108864
 * ssl = false
 * keyStore = ./broker.p12
 * keyStorePassword = changeit
 * trustStore = ./clients.p12
 * trustStorePassword = changeit
 * tlsProtocols = TLSv1.3, TLSv1.2
 * tlsCipherSuites = TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256
 * # destination policies: policy.&lt;address pattern&gt;.&lt;setting&gt; = value
 * policy.orders.&gt;.maxDeliveryAttempts = 5
 * policy.&gt;.redeliveryDelayMillis = 1000
 * # access rules: security.&lt;address pattern&gt;.&lt;permission&gt; = role, role
 * security.&gt;.admin = admin
 * security.orders.&gt;.send = shop
 * </pre>
 *
 * The README's "The standalone broker" section explains each key.
 * Relative paths in the file are resolved against the file's directory. While the broker runs, it reads the
 * file's security keys again when it changes ({@link SecurityReloader}).
 */
record BrokerSettings(String name, ListenAddress listening, int port, Path dataDir, boolean persistent,
        SecuritySettings security, int idleTimeoutMillis, int maxFrameSize, MessageLimits messageLimits,
        long maxInFlightFrameBytes, TlsSettings tls, AddressPolicies policies, Map<String, Integer> protocolPorts,
        ManagementOptions management, StoreOptions store) {

    private static final String POLICY_PREFIX = "policy.";
    /** The keys besides the security keys ({@link SecurityOptions#KEYS}) and the policy and access rule lines. */
    private static final Set<String> KEYS = Set.of("name", "host", "allowAnonymous", "port", "dataDir", "persistent",
            "idleTimeoutMillis", "maxFrameSize", "maxMessageProperties", "maxMessageHeaderSize",
            "maxMessageBodySize", "maxInFlightFrameBytes", "ssl", "keyStore", "keyStorePassword", "trustStore",
            "trustStorePassword", "tlsProtocols", "tlsCipherSuites", "amqpPort", "stompPort", "httpPort", "httpHost", "jmx",
            "store", "jdbcUrl", "jdbcUser", "jdbcPassword", "backup", "leaseTimeMillis");

    /** The other protocols the standalone broker serves, and their ports unless told otherwise. */
    static final Map<String, Integer> DEFAULT_PROTOCOL_PORTS = Map.of("amqp", 5672, "stomp", 61613);

    BrokerSettings {
        protocolPorts = Map.copyOf(protocolPorts);
    }

    /**
     * Listens on port 61616, of the loopback address only unless a users file is set or anonymous access
     * is allowed (see {@link ListenAddress}), and stores under {@code ./data}.
     */
    static BrokerSettings defaults() {
        return new BrokerSettings("tern", ListenAddress.DEFAULT, 61616, Path.of("data"), true, SecuritySettings.NONE, 30_000,
                16 * 1024 * 1024, MessageLimits.DEFAULT, TcpSettings.DEFAULT_MAX_IN_FLIGHT_FRAME_BYTES, null,
                AddressPolicies.NONE, DEFAULT_PROTOCOL_PORTS, ManagementOptions.DEFAULT, StoreOptions.DEFAULT);
    }

    /**
     * These settings with a configuration file's values applied.
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     * @throws UncheckedIOException if the file cannot be read
     */
    BrokerSettings withFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration file " + file.toAbsolutePath(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        BrokerSettings settings = this;
        Map<String, String> policyLines = new TreeMap<>();
        Map<String, String> securityLines = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (key.startsWith(POLICY_PREFIX)) {
                policyLines.put(key.substring(POLICY_PREFIX.length()), value);
                continue;
            }
            if (SecurityOptions.reads(key)) {
                securityLines.put(key, value);
                continue;
            }
            settings = switch (key) {
                case "name" -> settings.withName(value);
                case "host" -> settings.withHost(value);
                case "allowAnonymous" -> settings.withAllowAnonymous(parseBoolean(key, value));
                case "port" -> settings.withPort(parseInt(key, value));
                case "dataDir" -> settings.withDataDir(base.resolve(value));
                case "persistent" -> settings.withPersistent(parseBoolean(key, value));
                case "idleTimeoutMillis" -> settings.withIdleTimeoutMillis(parseInt(key, value));
                case "maxFrameSize" -> settings.withMaxFrameSize(parseInt(key, value));
                case "maxMessageProperties" ->
                        settings.withMessageLimits(settings.messageLimits().withMaxProperties(parseInt(key, value)));
                case "maxMessageHeaderSize" ->
                        settings.withMessageLimits(settings.messageLimits().withMaxHeaderSize(parseInt(key, value)));
                case "maxMessageBodySize" ->
                        settings.withMessageLimits(settings.messageLimits().withMaxBodySize(parseInt(key, value)));
                case "maxInFlightFrameBytes" -> settings.withMaxInFlightFrameBytes(positiveLong(key, value));
                case "amqpPort" -> settings.withProtocolPort("amqp", parseProtocolPort(key, value));
                case "stompPort" -> settings.withProtocolPort("stomp", parseProtocolPort(key, value));
                case "httpPort" -> settings.withManagement(settings.management().withHttpPort(parseProtocolPort(key, value)));
                case "httpHost" -> settings.withManagement(settings.management().withHttpHost(value.strip()));
                case "jmx" -> settings.withManagement(settings.management().withJmx(parseBoolean(key, value)));
                case "store" -> settings.withStore(settings.store().withType(value));
                case "jdbcUrl" -> settings.withStore(settings.store().withJdbcUrl(value));
                case "jdbcUser" -> settings.withStore(settings.store().withJdbcUser(value));
                case "jdbcPassword" -> settings.withStore(settings.store().withJdbcPassword(value));
                case "backup" -> settings.withStore(settings.store().withBackup(parseBoolean(key, value)));
                case "leaseTimeMillis" -> settings.withStore(settings.store()
                        .withLeaseTime(java.time.Duration.ofMillis(positiveLong(key, value))));
                case "ssl", "keyStore", "keyStorePassword", "trustStore", "trustStorePassword", "tlsProtocols",
                        "tlsCipherSuites" -> settings;
                default -> throw new IllegalArgumentException("Unknown key '" + key + "' in " + file
                        + "; known keys are " + String.join(", ",
                                Stream.concat(KEYS.stream(), SecurityOptions.KEYS.stream()).sorted().toList())
                        + ", policy.<address pattern>.<setting> and security.<address pattern>.<permission>.");
            };
        }
        SecuritySettings security;
        try {
            security = SecurityOptions.apply(settings.security(), securityLines, base::resolve, "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in " + file + ")", e);
        }
        return settings.withTls(tls(properties, base, file)).withPolicies(policies(policyLines, file)).withSecurity(security);
    }

    /** This file's policy lines applied over the policies so far, so a later file or line wins. */
    private AddressPolicies policies(Map<String, String> lines, Path file) {
        AddressPolicies merged = policies;
        for (Map.Entry<String, String> line : lines.entrySet()) {
            String key = line.getKey();
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("Key '" + POLICY_PREFIX + key + "' in " + file
                        + " must be policy.<address pattern>.<setting>, for example policy.orders.>.maxDeliveryAttempts");
            }
            try {
                merged = merged.with(key.substring(0, dot), key.substring(dot + 1), line.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (" + POLICY_PREFIX + key + " in " + file + ")", e);
            }
        }
        return merged;
    }

    private TlsSettings tls(Properties properties, Path base, Path file) {
        String ssl = properties.getProperty("ssl", "false").strip();
        if (!parseBoolean("ssl", ssl)) {
            return tls;
        }
        String keyStore = properties.getProperty("keyStore");
        if (keyStore == null || keyStore.isBlank()) {
            throw new IllegalArgumentException("ssl = true in " + file + " needs keyStore, the broker's key and certificate.");
        }
        TlsSettings settings = TlsSettings.withKeyStore(base.resolve(keyStore.strip()), properties.getProperty("keyStorePassword"))
                .offering(TlsVersions.protocols(properties.getProperty("tlsProtocols"), "tlsProtocols in " + file),
                        TlsVersions.cipherSuites(properties.getProperty("tlsCipherSuites"), "tlsCipherSuites in " + file));
        String trustStore = properties.getProperty("trustStore");
        if (trustStore != null && !trustStore.isBlank()) {
            settings = settings.requiringClientsTrustedBy(base.resolve(trustStore.strip()),
                    properties.getProperty("trustStorePassword"));
        }
        return settings;
    }

    /** The address the broker binds: see {@link ListenAddress#bindHost}. */
    String bindHost() {
        return listening.bindHost(authenticated());
    }

    /**
     * The address the HTTP port binds, if it serves one.
     *
     * @throws IllegalArgumentException for an address other than the loopback without a login and without
     *     anonymous access allowed, as for the broker's port
     */
    String httpBindHost() {
        return new ListenAddress(management.httpHost(), listening.allowAnonymous()).bindHost(authenticated());
    }

    /** Whether other machines can connect without a password: no users file, and not only the loopback. */
    boolean exposedWithoutLogin() {
        return listening.exposedWithoutLogin(authenticated());
    }

    private boolean authenticated() {
        return security.requiresLogin();
    }

    BrokerSettings withStore(StoreOptions value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, value);
    }

    BrokerSettings withTls(TlsSettings value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, value, policies, protocolPorts, management, store);
    }

    BrokerSettings withPolicies(AddressPolicies value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, value, protocolPorts, management, store);
    }

    BrokerSettings withName(String value) {
        return new BrokerSettings(value, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withHost(String value) {
        return new BrokerSettings(name, listening.withHost(value), port, dataDir, persistent, security,
                idleTimeoutMillis, maxFrameSize, messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withAllowAnonymous(boolean value) {
        return new BrokerSettings(name, listening.withAllowAnonymous(value), port, dataDir, persistent, security,
                idleTimeoutMillis, maxFrameSize, messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withPort(int value) {
        return new BrokerSettings(name, listening, value, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withDataDir(Path value) {
        return new BrokerSettings(name, listening, port, value, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withPersistent(boolean value) {
        return new BrokerSettings(name, listening, port, dataDir, value, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withSecurity(SecuritySettings value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, value, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withIdleTimeoutMillis(int value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, value, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withMaxFrameSize(int value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, value,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withMessageLimits(MessageLimits value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                value, maxInFlightFrameBytes, tls, policies, protocolPorts, management, store);
    }

    BrokerSettings withMaxInFlightFrameBytes(long value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, value, tls, policies, protocolPorts, management, store);
    }

    /**
     * Serves a protocol on this port ({@code amqp}, {@code stomp}; 0 picks a free one), or not at all when
     * the port is null.
     */
    BrokerSettings withProtocolPort(String protocol, Integer value) {
        Map<String, Integer> ports = new TreeMap<>(protocolPorts);
        if (value == null) {
            ports.remove(protocol);
        } else {
            ports.put(protocol, value);
        }
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, ports, management, store);
    }

    /** The HTTP port and the MBeans. */
    BrokerSettings withManagement(ManagementOptions value) {
        return new BrokerSettings(name, listening, port, dataDir, persistent, security, idleTimeoutMillis, maxFrameSize,
                messageLimits, maxInFlightFrameBytes, tls, policies, protocolPorts, value, store);
    }

    /**
     * A protocol's port as written in the file or on the command line: a number, or {@code off}.
     *
     * @return the port, or null for off
     * @throws IllegalArgumentException for anything else, naming the key
     */
    static Integer parseProtocolPort(String key, String value) {
        if (value.equalsIgnoreCase("off")) {
            return null;
        }
        int parsed = parseInt(key, value);
        if (parsed < 0 || parsed > 65_535) {
            throw new IllegalArgumentException(key + " must be a port number 0..65535 or off, was '" + value + "'.");
        }
        return parsed;
    }

    private static long positiveLong(String key, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive whole number, was '" + value + "'.");
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'.");
        }
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'.");
    }
}
