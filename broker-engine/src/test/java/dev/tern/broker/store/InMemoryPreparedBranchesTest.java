package dev.tern.broker.store;

/** The in-memory store keeps prepared XA branches as the journal does; a restart here is the same store. */
class InMemoryPreparedBranchesTest extends PreparedBranchesContract {

    private final InMemoryMessageStore store = new InMemoryMessageStore();

    @Override
    MessageStore store() {
        return store;
    }

    @Override
    MessageStore restart() {
        return store;
    }
}
