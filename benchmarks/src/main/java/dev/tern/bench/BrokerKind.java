package dev.tern.bench;

import java.nio.file.Path;

/** The brokers the harness compares, each started embedded in this JVM. */
public enum BrokerKind {
    TERN("Tern") {
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
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startEmbedded(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.startEmbedded(dataDir, persistent);
        }
    },
    CLASSIC("Classic") {
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

    BrokerKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Starts a fresh broker of this kind.
     *
     * @param dataDir an empty directory for its journal and any other files
     * @param persistent whether persistent messages go to a journal synced to disk
     */
    public abstract BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception;

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
