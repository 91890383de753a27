package dev.tern.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random valid units applied to a store and to {@link StoreModel}; after each phase the store is
 * reopened from disk and must load exactly what the model holds. Phases either wait for each unit
 * or pipeline them all, so the H2 store commits them in groups that mix ops on the same rows.
 */
class StoreOracleTest {

    private static final int TOTAL_OPS = 3000;

    enum StoreKind {
        H2 {
            @Override
            MessageStore open(Path dir) {
                return new H2MessageStore(dir, "oracle");
            }

            @Override
            MessageStore reopen(MessageStore store, Path dir) {
                store.close();
                return open(dir);
            }
        },
        POSTGRESQL {
            private final java.util.Map<Path, String> databases = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            MessageStore open(Path dir) {
                String url = databases.computeIfAbsent(dir, any -> PostgresTestServer.newDatabase());
                return PostgresMessageStore.open(PostgresSettings.of(url, null, null), "oracle");
            }

            @Override
            MessageStore reopen(MessageStore store, Path dir) {
                store.close();
                return open(dir);
            }
        },
        IN_MEMORY {
            @Override
            MessageStore open(Path dir) {
                return new InMemoryMessageStore();
            }

            @Override
            MessageStore reopen(MessageStore store, Path dir) {
                return store;
            }
        };

        abstract MessageStore open(Path dir);

        /** A store holding what {@code store} held, as after a restart where the store persists. */
        abstract MessageStore reopen(MessageStore store, Path dir);
    }

    static Stream<Arguments> storesAndSeeds() {
        return Stream.of(StoreKind.values())
                .flatMap(kind -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(kind, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("storesAndSeeds")
    void loadsWhatTheModelHoldsAfterRandomUnitsAndReopens(StoreKind kind, long seed, @TempDir Path dir)
            throws Exception {
        Random random = new Random(seed);
        StoreModel model = new StoreModel();
        RandomUnits units = new RandomUnits(random, model);
        MessageStore store = kind.open(dir);
        try {
            assertMatches(store.load(), model);
            int ops = 0;
            while (ops < TOTAL_OPS) {
                ops += runPhase(store, units, 200 + random.nextInt(400), random.nextBoolean());
                store = kind.reopen(store, dir);
                model.dropUnreferencedMessages();
                assertMatches(store.load(), model);
            }
        } finally {
            store.close();
        }
    }

    /** Applies units of about {@code opCount} ops; returns how many ops it applied. */
    private static int runPhase(MessageStore store, RandomUnits units, int opCount, boolean pipelined)
            throws Exception {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        int ops = 0;
        while (ops < opCount) {
            List<StoreOp> unit = units.next();
            ops += unit.size();
            CompletableFuture<Void> done = store.apply(unit);
            if (pipelined) {
                inFlight.add(done);
            } else {
                done.get(10, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        return ops;
    }

    private static void assertMatches(StoredState state, StoreModel model) {
        assertThat(state.queues()).containsExactlyInAnyOrderElementsOf(model.queues.values());
        assertThat(state.messages()).extracting(StoredState.StoredMessage::messageId).isSorted();
        assertThat(state.messages()).containsExactlyElementsOf(model.expectedMessages());
        assertThat(state.references()).extracting(StoredState.StoredReference::messageId).isSorted();
        List<StoredState.StoredReference> references = new ArrayList<>(state.references());
        references.sort(Comparator.comparingLong(StoredState.StoredReference::messageId)
                .thenComparing(StoredState.StoredReference::queueName));
        assertThat(references).containsExactlyElementsOf(model.expectedReferences());
    }
}
