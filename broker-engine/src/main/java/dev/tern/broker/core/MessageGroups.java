package dev.tern.broker.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Which consumer of one queue owns each message group: every message with the same {@code JMSXGroupID}
 * goes to the group's owner while it is attached, so a group is consumed by one consumer at a time and
 * in order. A group gets an owner when its first message is taken, and loses it when the owner leaves
 * the queue or takes a message whose {@code JMSXGroupSeq} is negative, which closes the group; the next
 * message of the group then goes to whichever consumer takes it, as a new group's first would.
 *
 * <p>Used by one {@link MessageQueue}, under its lock.
 */
final class MessageGroups {

    /** The JMS property naming a message's group. */
    static final String GROUP_ID = "JMSXGroupID";

    /** The JMS property with a message's place in its group; a negative value closes the group. */
    static final String GROUP_SEQ = "JMSXGroupSeq";

    private final Map<String, QueueConsumer> owners = new HashMap<>();

    /** The group a message belongs to, or null. */
    static String groupOf(MessageRef ref) {
        Object group = ref.message().record().properties().get(GROUP_ID);
        return group == null ? null : group.toString();
    }

    /** True if the message is the last of its group: its {@code JMSXGroupSeq} is negative. */
    static boolean closesGroup(MessageRef ref) {
        return ref.message().record().properties().get(GROUP_SEQ) instanceof Number seq && seq.longValue() < 0;
    }

    /** The consumer that owns the group, or null if no one does. */
    QueueConsumer ownerOf(String group) {
        return owners.get(group);
    }

    /** Records that a consumer took a message of the group: it owns the group now, unless the message closes it. */
    void taken(String group, QueueConsumer consumer, MessageRef ref) {
        if (closesGroup(ref)) {
            owners.remove(group);
        } else {
            owners.put(group, consumer);
        }
    }

    /** Releases every group the consumer owns. */
    void release(QueueConsumer consumer) {
        owners.values().removeIf(owner -> owner == consumer);
    }

    /** How many groups have an owner. */
    int size() {
        return owners.size();
    }
}
