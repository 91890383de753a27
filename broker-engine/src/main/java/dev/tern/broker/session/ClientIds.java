package dev.tern.broker.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The client IDs in use on one broker; each may be held by one connection at a time. */
public final class ClientIds {

    private final Set<String> inUse = ConcurrentHashMap.newKeySet();

    /** Takes a client ID; false if another connection holds it. */
    public boolean claim(String clientId) {
        return inUse.add(clientId);
    }

    public void release(String clientId) {
        inUse.remove(clientId);
    }
}
