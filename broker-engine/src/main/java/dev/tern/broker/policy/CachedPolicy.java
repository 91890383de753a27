package dev.tern.broker.policy;

import java.util.function.Supplier;

/**
 * The policy of one address, resolved again only when the broker's policies change (they are
 * immutable, so a change is a new instance): cheap enough to ask on every send.
 */
public final class CachedPolicy implements Supplier<AddressPolicy> {

    private final Supplier<AddressPolicies> policies;
    private final String address;
    private volatile Resolved resolved;

    /** The policy resolved from one instance of the policies. */
    private record Resolved(AddressPolicies from, AddressPolicy policy) {
    }

    /**
     * @param policies the broker's policies as they are now
     * @param address the destination name, a topic's for its subscriptions
     */
    public CachedPolicy(Supplier<AddressPolicies> policies, String address) {
        this.policies = policies;
        this.address = address;
    }

    @Override
    public AddressPolicy get() {
        AddressPolicies current = policies.get();
        Resolved last = resolved;
        if (last == null || last.from() != current) {
            last = new Resolved(current, current.forAddress(address));
            resolved = last;
        }
        return last.policy();
    }
}
