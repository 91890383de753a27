package dev.tern.broker.security;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a connection may do to the destinations of an {@linkplain AccessRules address pattern}; each is
 * granted to roles.
 */
public enum Permission {

    /** Send to a queue or publish to a topic. */
    SEND("send", "send to"),
    /** Receive from a queue, or subscribe to a topic (the subscriptions that live only as long as their consumers). */
    CONSUME("consume", "consume from"),
    /** Look at a queue's messages without consuming them. */
    BROWSE("browse", "browse"),
    /** Create a durable subscription, unshared or shared, on a topic; consuming from it also needs {@link #CONSUME}. */
    CREATE_DURABLE("createDurable", "create a durable subscription on"),
    /** Delete a durable subscription of a topic. */
    DELETE_DURABLE("deleteDurable", "delete a durable subscription of"),
    /** Create a temporary queue or topic; decided by the rules that match its name. */
    CREATE_TEMPORARY("createTemporary", "create the temporary destination"),
    /** Administer: change and list policies, retry dead letters, see statistics, decide XA branches. */
    ADMIN("admin", "administer");

    private final String configName;
    private final String verb;

    Permission(String configName, String verb) {
        this.configName = configName;
        this.verb = verb;
    }

    /** The name in a configuration key, such as {@code createDurable}. */
    public String configName() {
        return configName;
    }

    /** What the permission lets one do to a destination, for messages: "send to", "browse". */
    String verb() {
        return verb;
    }

    /**
     * The permission with this configuration name.
     *
     * @throws IllegalArgumentException naming the known ones if there is none
     */
    public static Permission named(String name) {
        for (Permission permission : values()) {
            if (permission.configName.equals(name)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("Unknown permission '" + name + "'; the permissions are "
                + Arrays.stream(values()).map(Permission::configName).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return configName;
    }
}
