package dev.tern.broker.store;

import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL store keeps prepared XA branches as the H2 journal does, across restarts. */
class PostgresPreparedBranchesTest extends PreparedBranchesContract {

    private final String url = PostgresTestServer.newDatabase();
    private PostgresMessageStore store;

    @Override
    MessageStore store() {
        if (store == null) {
            store = PostgresMessageStore.open(PostgresSettings.of(url, null, null), "xa-branches");
        }
        return store;
    }

    @Override
    MessageStore restart() {
        store().close();
        store = PostgresMessageStore.open(PostgresSettings.of(url, null, null), "xa-branches");
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
