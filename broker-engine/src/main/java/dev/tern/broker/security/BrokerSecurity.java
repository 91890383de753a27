package dev.tern.broker.security;

import java.util.Objects;

/**
 * The security a broker enforces at one time: who may connect and what each role may do. A broker swaps
 * in a new one when its configuration is reloaded; connections already open keep their user and roles and
 * apply the new rules from their next command.
 *
 * @param authenticator checks the credentials of connections as they open
 * @param accessRules decide every command that touches a destination
 * @param limits keep logins and connections within bounds
 */
public record BrokerSecurity(Authenticator authenticator, AccessRules accessRules, LoginLimits limits) {

    public BrokerSecurity {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(accessRules, "accessRules");
        Objects.requireNonNull(limits, "limits");
    }
}
