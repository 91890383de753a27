package dev.tern.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The brokers the harness compares, each started embedded in this JVM, except over AMQP, where Tern and
 * Artemis each run in a child JVM of their own (see {@link TernAmqpUnderTest}, {@link ArtemisAmqpUnderTest}).
 * {@link #ARTEMIS_DEFAULT}, Artemis left at its embedded journal defaults, and {@link #TERN_METERED}, Tern with
 * its meters, run only when asked for and are nobody's peer in Tern's ratios.
 */
public enum BrokerKind {
    TERN("Tern") {
        /** Over AMQP, in a JVM of its own (see {@link TernAmqpUnderTest}). */
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            return transport == Transport.AMQP ? TernAmqpUnderTest.start(dataDir, persistent) : start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return TernUnderTest.start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) {
            return TernUnderTest.startEmbedded(dataDir, persistent);
        }
    },
    ARTEMIS("Artemis") {
        /** Over AMQP, Artemis 2.40 with its AMQP protocol in a JVM of its own (see {@link ArtemisAmqpUnderTest}). */
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            return transport == Transport.AMQP
                    ? ArtemisAmqpUnderTest.start(dataDir, persistent, scenario)
                    : start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.startEmbedded(dataDir, persistent);
        }
    },
    /**
     * Artemis with the NIO journal at its embedded default buffer timeout (3.33 ms), as nobody who installs it
     * with {@code artemis create} runs it; for persistent scenarios over {@code vm://} and {@code tcp://} only.
     */
    ARTEMIS_DEFAULT("Artemis (untuned)") {
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            if (!persistent || transport == Transport.AMQP) {
                throw new ScenarioUnsupportedException(scenario,
                        "the untuned Artemis is compared on persistent vm:// and tcp:// scenarios only");
            }
            return start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.startUntuned(dataDir, persistent);
        }

        /** Never started embedded: the runners that embed brokers (cold start, per test, deep queue) leave it out. */
        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) {
            throw new IllegalStateException("the untuned Artemis runs only the persistent throughput scenarios");
        }
    },
    /**
     * Tern with its meters in a Prometheus registry, as the standalone broker with an HTTP port runs, to measure
     * what metrics cost; only when asked for, nobody's peer, throughput scenarios over {@code vm://} and
     * {@code tcp://} only.
     */
    TERN_METERED("Tern with metrics") {
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            if (transport == Transport.AMQP) {
                throw new ScenarioUnsupportedException(scenario, "the metered Tern runs vm:// and tcp:// scenarios only");
            }
            return start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) {
            return TernUnderTest.startMetered(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) {
            throw new IllegalStateException("the metered Tern runs only the throughput scenarios");
        }
    },
    /**
     * Tern with its journal in PostgreSQL (a fresh database on the server {@link BenchPostgres} names), for the
     * persistent scenarios over {@code vm://} and {@code tcp://}; only when asked for, next to {@link #ARTEMIS_JDBC}.
     */
    TERN_POSTGRESQL("Tern on PostgreSQL") {
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            requirePersistentVmOrTcp(persistent, transport, scenario);
            return TernUnderTest.startOnPostgres(dataDir, scenario);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return TernUnderTest.startOnPostgres(dataDir, "");
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) {
            throw new IllegalStateException("Tern on PostgreSQL runs only the throughput scenarios");
        }
    },
    /** Artemis with its JDBC store in PostgreSQL, as {@code artemis create --jdbc} sets it up; next to Tern's. */
    ARTEMIS_JDBC("Artemis JDBC on PostgreSQL") {
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            requirePersistentVmOrTcp(persistent, transport, scenario);
            return ArtemisUnderTest.startJdbc(dataDir, scenario);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.startJdbc(dataDir, "");
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) {
            throw new IllegalStateException("Artemis JDBC runs only the throughput scenarios");
        }
    },
    CLASSIC("Classic") {
        /** Classic's AMQP transport (activemq-amqp) is not on the harness's class path: no AMQP figures. */
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
                throws Exception {
            if (transport == Transport.AMQP) {
                throw new ScenarioUnsupportedException(scenario, "the harness runs Classic without AMQP");
            }
            return start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ClassicUnderTest.start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception {
            return ClassicUnderTest.startEmbedded(dataDir, persistent);
        }
    };

    private final String displayName;

    /** The brokers on PostgreSQL run the persistent scenarios over vm:// and tcp:// only. */
    private static void requirePersistentVmOrTcp(boolean persistent, Transport transport, String scenario)
            throws ScenarioUnsupportedException {
        if (!persistent || transport == Transport.AMQP) {
            throw new ScenarioUnsupportedException(scenario, "brokers on PostgreSQL run persistent vm:// and tcp:// "
                    + "scenarios only");
        }
    }

    BrokerKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The brokers compared unless others are chosen: Tern, Artemis (tuned) and Classic. */
    public static List<BrokerKind> defaults() {
        return List.of(TERN, ARTEMIS, CLASSIC);
    }

    /**
     * Whether Tern's "better peer" ratio may pick this broker: Artemis tuned and Classic, on the disk; the brokers
     * on PostgreSQL are compared with each other ({@code docs/high-availability.md}).
     */
    public boolean isPeer() {
        return this == ARTEMIS || this == CLASSIC;
    }

    /** Whether the scenarios with runners of their own (cold start, broker per test, deep queue) run this broker. */
    public boolean runsOwnScenarios() {
        return this == TERN || this == ARTEMIS || this == CLASSIC;
    }

    /**
     * Starts a fresh broker of this kind.
     *
     * @param dataDir an empty directory for its journal and any other files
     * @param persistent whether persistent messages go to a journal synced to disk
     */
    public abstract BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception;

    /**
     * Starts a fresh broker of this kind that serves the transport a scenario uses, as {@link #start(Path, boolean)}
     * does for the brokers that serve every transport from one start.
     *
     * @throws ScenarioUnsupportedException if the harness cannot run this broker with that transport
     */
    public BrokerUnderTest start(Path dataDir, boolean persistent, Transport transport, String scenario)
            throws Exception {
        return start(dataDir, persistent);
    }

    /**
     * Starts a broker the way an application or a unit test embeds one: reached over {@code vm://} only,
     * with no network listener, JMX or shutdown hook. Its {@link BrokerUnderTest#connectionFactory}
     * serves {@link Transport#VM} only.
     *
     * @param dataDir an empty directory for its journal, or for any files the broker insists on
     * @param persistent whether persistent messages go to a journal synced to disk, as in {@link #start}
     */
    public abstract BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception;
}
