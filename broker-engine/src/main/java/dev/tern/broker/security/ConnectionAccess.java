package dev.tern.broker.security;

import dev.tern.broker.BrokerException;
import dev.tern.broker.policy.AddressPattern;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one connection's user may do, decided by the broker's {@link AccessRules} in force and remembered
 * per destination until those rules change. A refusal is a {@link BrokerException} with code SECURITY
 * naming the user, the permission and the destination, and is written to the audit log.
 */
public final class ConnectionAccess {

    /** How many decisions a connection remembers before it starts again, against a client naming endless destinations. */
    private static final int MAX_REMEMBERED = 1_024;

    private final AuthenticatedUser user;
    private final Supplier<AccessRules> rulesInForce;
    private final Refusals refusals;
    /** The decisions made so far, with the rules that made them. */
    private volatile Decisions decided = new Decisions(AccessRules.EMPTY);

    /** Where refusals are recorded. */
    @FunctionalInterface
    public interface Refusals {
        void refused(String user, String action);
    }

    /**
     * @param user who the connection acts as
     * @param rulesInForce the broker's current rules; read at every check
     * @param refusals told of every refusal, for the audit log
     */
    public ConnectionAccess(AuthenticatedUser user, Supplier<AccessRules> rulesInForce, Refusals refusals) {
        this.user = Objects.requireNonNull(user, "user");
        this.rulesInForce = rulesInForce;
        this.refusals = refusals;
    }

    /** Who the connection acts as. */
    public AuthenticatedUser user() {
        return user;
    }

    /**
     * Checks that the user holds the permission on a destination (for a subscription, on its topic).
     *
     * @throws BrokerException SECURITY if not
     */
    public void check(Permission permission, DestinationName destination) {
        if (!allows(permission, destination.name())) {
            throw refuse(permission, destination.type().toString().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " " + destination.name());
        }
    }

    /** True if the user holds the permission on the destination with this name. */
    public boolean allows(Permission permission, String address) {
        AccessRules rules = rulesInForce.get();
        Decisions current = decided;
        if (current.rules != rules || current.byDestination.size() >= MAX_REMEMBERED) {
            current = new Decisions(rules);
            decided = current;
        }
        return current.byDestination.computeIfAbsent(new Decision(permission, address),
                key -> rules.allows(user, permission, address));
    }

    /**
     * Checks that the user holds the permission on every destination a pattern matches.
     *
     * @throws BrokerException SECURITY if not
     */
    public void checkAll(Permission permission, AddressPattern pattern) {
        if (!rulesInForce.get().allowsAll(user, permission, pattern)) {
            throw refuse(permission, "every destination matching " + pattern.text());
        }
    }

    /**
     * Checks that the user holds the permission on every destination.
     *
     * @throws BrokerException SECURITY if not
     */
    public void checkEverywhere(Permission permission) {
        if (!rulesInForce.get().allowsEverywhere(user, permission)) {
            throw refuse(permission, "every destination");
        }
    }

    /**
     * Checks that the user holds the permission on some destination.
     *
     * @throws BrokerException SECURITY if not
     */
    public void checkSomewhere(Permission permission) {
        if (!rulesInForce.get().allowsSomewhere(user, permission)) {
            throw refuse(permission, "any destination");
        }
    }

    private BrokerException refuse(Permission permission, String target) {
        String who = user.name() == null ? "An anonymous connection" : "User '" + user.name() + "'";
        String action = permission.verb() + " " + target;
        refusals.refused(user.name(), action + " (permission " + permission.configName() + ")");
        return new BrokerException(ErrorCode.SECURITY, who + " may not " + action + ": permission '"
                + permission.configName() + "' is not granted to " + (user.roles().isEmpty() ? "it"
                : "any of its roles") + ".");
    }

    private record Decision(Permission permission, String address) {
    }

    /** Decisions, each made by these rules. */
    private static final class Decisions {

        private final AccessRules rules;
        private final Map<Decision, Boolean> byDestination = new ConcurrentHashMap<>();

        Decisions(AccessRules rules) {
            this.rules = rules;
        }
    }
}
