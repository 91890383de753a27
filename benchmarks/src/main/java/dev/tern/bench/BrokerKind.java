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
        public BrokerUnderTest startForOneTest(Path dataDir) {
            return TernUnderTest.startForOneTest(dataDir);
        }
    },
    ARTEMIS("Artemis") {
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ArtemisUnderTest.start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startForOneTest(Path dataDir) throws Exception {
            return ArtemisUnderTest.startForOneTest(dataDir);
        }
    },
    CLASSIC("Classic") {
        @Override
        public BrokerUnderTest start(Path dataDir, boolean persistent) throws Exception {
            return ClassicUnderTest.start(dataDir, persistent);
        }

        @Override
        public BrokerUnderTest startForOneTest(Path dataDir) throws Exception {
            return ClassicUnderTest.startForOneTest(dataDir);
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
     * Starts a broker the way a unit test embeds one: in memory, reached over {@code vm://} only, with JMX
     * and shutdown hooks off. Its {@link BrokerUnderTest#connectionFactory} serves {@link Transport#VM} only.
     *
     * @param dataDir an empty directory, for any files the broker insists on
     */
    public abstract BrokerUnderTest startForOneTest(Path dataDir) throws Exception;
}
