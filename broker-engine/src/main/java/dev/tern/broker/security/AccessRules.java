package dev.tern.broker.security;

import dev.tern.broker.policy.AddressPattern;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which roles hold which {@linkplain Permission permissions} on which destinations: roles granted a
 * permission on an {@linkplain AddressPattern address pattern}, written
 * {@code security.<pattern>.<permission> = role, role} in the broker's configuration file and
 * {@code broker.security.<pattern>.<permission>=role,role} on a {@code vm://} URL:
 *
 * <pre>
 * security.&gt;.admin = admin
 * security.orders.&gt;.send = shop, admin
 * security.orders.&gt;.consume = billing
 * security.orders.audit.consume =
 * </pre>
 *
 * For each permission the most specific pattern that grants it decides (as for destination policies),
 * so an empty role list on a narrower pattern takes the permission away again. A permission no matching
 * pattern grants is denied. The role {@value #EVERYONE} stands for every connection, anonymous ones
 * included. For a topic subscription the address is the topic's name.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessRules {

    /** The role that stands for every connection. */
    public static final String EVERYONE = "*";

    private static final AddressPattern EVERY_NAME = new AddressPattern(">");

    /**
     * No rule at all. Asked, it grants nothing; given to a broker as its rules, it stands for "none
     * configured", and the broker applies {@link #OPEN} or {@link #USERS_DEFAULT}.
     */
    public static final AccessRules EMPTY = new AccessRules(new TreeMap<>(AddressPattern.SPECIFIC_LAST));

    /** Every permission on every destination to every connection: a broker without users or rules. */
    public static final AccessRules OPEN = grantingAll(EVERYONE, EVERYONE);

    /**
     * The rules of a broker with users and no rules of its own: every user may do everything but
     * administer, which takes the role {@value AuthenticatedUser#ADMIN_ROLE}.
     */
    public static final AccessRules USERS_DEFAULT = grantingAll(EVERYONE, AuthenticatedUser.ADMIN_ROLE);

    private final NavigableMap<AddressPattern, Map<Permission, Set<String>>> entries;

    private AccessRules(NavigableMap<AddressPattern, Map<Permission, Set<String>>> entries) {
        this.entries = entries;
    }

    /**
     * Rules from {@code <pattern>.<permission> = roles} pairs, as they appear after the {@code security.}
     * prefix: {@code orders.>.send = shop, admin}.
     *
     * @throws IllegalArgumentException naming a bad key, pattern or permission
     */
    public static AccessRules fromOptions(Map<String, String> options) {
        AccessRules rules = EMPTY;
        for (Map.Entry<String, String> option : options.entrySet()) {
            rules = rules.withRule(option.getKey(), option.getValue());
        }
        return rules;
    }

    /**
     * These rules with one rule in text form replaced: {@code orders.>.send} and {@code shop, admin}.
     *
     * @param key {@code <pattern>.<permission>}
     * @param roles the roles, separated by commas; none to grant the permission to no one
     * @throws IllegalArgumentException naming a bad key, pattern or permission
     */
    public AccessRules withRule(String key, String roles) {
        int dot = key.lastIndexOf('.');
        if (dot <= 0 || dot == key.length() - 1) {
            throw new IllegalArgumentException("Access rule key 'security." + key
                    + "' must be security.<address pattern>.<permission>, for example security.orders.>.send");
        }
        return with(key.substring(0, dot), Permission.named(key.substring(dot + 1)), roles(roles));
    }

    /**
     * These rules with the roles that hold one permission on one pattern replaced.
     *
     * @throws IllegalArgumentException for a bad pattern
     */
    public AccessRules with(String pattern, Permission permission, Set<String> roles) {
        NavigableMap<AddressPattern, Map<Permission, Set<String>>> copy = new TreeMap<>(AddressPattern.SPECIFIC_LAST);
        entries.forEach((key, granted) -> copy.put(key, new EnumMap<>(granted)));
        copy.computeIfAbsent(new AddressPattern(pattern), key -> new EnumMap<>(Permission.class))
                .put(permission, Set.copyOf(roles));
        return new AccessRules(copy);
    }

    /** True if there is no rule. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True if the user holds the permission on the destination of that name (a topic's, for a subscription). */
    public boolean allows(AuthenticatedUser user, Permission permission, String address) {
        for (Map.Entry<AddressPattern, Map<Permission, Set<String>>> entry : entries.descendingMap().entrySet()) {
            Set<String> roles = entry.getValue().get(permission);
            if (roles != null && entry.getKey().matches(address)) {
                return grants(roles, user);
            }
        }
        return false;
    }

    /**
     * True if the user holds the permission on every destination the pattern matches. Decided by the most
     * specific rule that covers the whole pattern, and by every more specific rule that matches part of it.
     */
    public boolean allowsAll(AuthenticatedUser user, Permission permission, AddressPattern pattern) {
        for (Map.Entry<AddressPattern, Map<Permission, Set<String>>> entry : entries.descendingMap().entrySet()) {
            Set<String> roles = entry.getValue().get(permission);
            if (roles == null || !entry.getKey().overlaps(pattern)) {
                continue;
            }
            if (!grants(roles, user)) {
                return false;
            }
            if (entry.getKey().covers(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** True if the user holds the permission on every destination. */
    public boolean allowsEverywhere(AuthenticatedUser user, Permission permission) {
        return allowsAll(user, permission, EVERY_NAME);
    }

    /** True if the user holds the permission on at least one pattern. */
    public boolean allowsSomewhere(AuthenticatedUser user, Permission permission) {
        return entries.values().stream().map(granted -> granted.get(permission))
                .anyMatch(roles -> roles != null && grants(roles, user));
    }

    /** The rules in text form, {@code pattern.permission -> roles}, most general first. */
    public Map<String, String> describe() {
        Map<String, String> described = new LinkedHashMap<>();
        entries.forEach((pattern, granted) -> granted.forEach((permission, roles) -> described.put(
                pattern.text() + "." + permission.configName(), roles.stream().sorted().collect(Collectors.joining(", ")))));
        return described;
    }

    @Override
    public String toString() {
        return "access rules" + describe();
    }

    private static boolean grants(Set<String> roles, AuthenticatedUser user) {
        if (roles.contains(EVERYONE)) {
            return true;
        }
        for (String role : user.roles()) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> roles(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(role -> !role.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static AccessRules grantingAll(String roleForUse, String roleForAdmin) {
        AccessRules rules = EMPTY;
        for (Permission permission : Permission.values()) {
            rules = rules.with(EVERY_NAME.text(), permission,
                    Set.of(permission == Permission.ADMIN ? roleForAdmin : roleForUse));
        }
        return rules;
    }
}
