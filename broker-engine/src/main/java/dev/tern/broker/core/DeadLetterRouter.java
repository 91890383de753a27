package dev.tern.broker.core;

import dev.tern.broker.policy.PolicySetting;
import dev.tern.broker.policy.PolicySettings;
import dev.tern.protocol.DestinationName;
import dev.tern.protocol.MessageRecord;
import dev.tern.protocol.TernProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages that cannot stay where they are to the queue their destination's policy names: the
 * dead-letter queue ({@code deadLetterQueue}) for messages out of delivery attempts, the expiry queue
 * ({@code expiryQueue}) for messages whose time-to-live ran out. An empty name drops them instead.
 *
 * <p>The moved copy keeps the body, headers and properties, and gains {@link TernProperties#ORIG_DESTINATION}
 * and {@link TernProperties#ORIG_QUEUE} (and the reason or original expiration); see {@link MessageMover}
 * for why a crash cannot lose or duplicate it.
 */
public final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final PostOffice postOffice;
    private final MessageMover mover;

    public DeadLetterRouter(PostOffice postOffice, Journal journal, LongSupplier messageIds) {
        this.postOffice = postOffice;
        this.mover = new MessageMover(journal, messageIds);
    }

    /** True if the queue is its own dead-letter queue, where delivery attempts are not limited. */
    public boolean isDeadLetterQueue(MessageQueue queue) {
        return queue.name().equals(queue.policy().get(PolicySettings.DEAD_LETTER_QUEUE));
    }

    /** Moves a reference, in flight and off its queue, to its dead-letter queue, or drops it if there is none. */
    public void deadLetter(MessageRef ref, String reason) {
        ref.queue().countDeadLettered();
        MessageQueue target = target(ref, PolicySettings.DEAD_LETTER_QUEUE);
        if (target == null) {
            LOG.warn("Dropping message {} from {}: {}, and it has no dead-letter queue",
                    ref.message().record().messageId(), ref.queue().name(), reason);
            mover.drop(List.of(ref));
            return;
        }
        LOG.info("Moving message {} from {} to dead-letter queue {}: {}",
                ref.message().record().messageId(), ref.queue().name(), target.name(), reason);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put(TernProperties.DLQ_REASON, reason);
        mover.move(ref, annotated(ref, target, added, ref.message().record().expiration()), target);
    }

    /**
     * Moves expired references, taken off their queue, to its expiry queue without a time-to-live; drops
     * them if there is none, and always drops an expired stop signal.
     */
    public void expired(List<MessageRef> refs) {
        for (MessageRef ref : refs) {
            MessageQueue target = TernProperties.isStopSignal(ref.message().record())
                    ? null : target(ref, PolicySettings.EXPIRY_QUEUE);
            if (target == null || target == ref.queue()) {
                mover.drop(List.of(ref));
                continue;
            }
            Map<String, Object> added = new LinkedHashMap<>();
            added.put(TernProperties.ORIG_EXPIRATION, ref.message().record().expiration());
            mover.move(ref, annotated(ref, target, added, 0), target);
        }
    }

    private MessageQueue target(MessageRef ref, PolicySetting<String> setting) {
        String name = ref.queue().policy().get(setting);
        return name.isEmpty() ? null : postOffice.pointToPointQueue(DestinationName.queue(name));
    }

    private static MessageRecord annotated(MessageRef ref, MessageQueue target, Map<String, Object> added,
            long expiration) {
        MessageRecord record = ref.message().record();
        Map<String, Object> properties = new LinkedHashMap<>(record.properties());
        properties.putIfAbsent(TernProperties.ORIG_DESTINATION, record.destination().toString());
        properties.putIfAbsent(TernProperties.ORIG_QUEUE, ref.queue().name());
        properties.putAll(added);
        return new MessageRecord(record.messageId(), DestinationName.queue(target.name()), record.timestamp(),
                record.correlationId(), record.replyTo(), record.type(), record.persistent(), record.priority(),
                expiration, record.deliveryTime(), properties, record.bodyType(), record.body());
    }
}
