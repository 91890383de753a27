package dev.tern.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.broker.policy.AddressPattern;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The most specific pattern that grants a permission decides; nothing is allowed that no rule grants. */
class AccessRulesTest {

    private static final AuthenticatedUser SHOP = new AuthenticatedUser("shop", Set.of("shop"));
    private static final AuthenticatedUser OPS = new AuthenticatedUser("ops", Set.of("ops", "staff"));
    private static final AuthenticatedUser NOBODY = new AuthenticatedUser("nobody", Set.of());

    private final AccessRules rules = AccessRules.fromOptions(rules(
            ">.admin", "root",
            "orders.>.admin", "ops",
            "orders.audit.admin", "",
            "orders.>.send", "shop, staff",
            "orders.secret.send", "",
            "news.>.consume", "*"));

    @Test
    void theMostSpecificPatternThatGrantsAPermissionDecides() {
        assertThat(rules.allows(SHOP, Permission.SEND, "orders.eu")).isTrue();
        assertThat(rules.allows(OPS, Permission.SEND, "orders.eu")).isTrue();
        assertThat(rules.allows(SHOP, Permission.SEND, "orders.secret")).isFalse();
        assertThat(rules.allows(SHOP, Permission.SEND, "payments")).isFalse();
        assertThat(rules.allows(SHOP, Permission.CONSUME, "orders.eu")).isFalse();
    }

    @Test
    void theRoleStarStandsForEveryConnection() {
        assertThat(rules.allows(NOBODY, Permission.CONSUME, "news.today")).isTrue();
        assertThat(rules.allows(AuthenticatedUser.ANONYMOUS, Permission.CONSUME, "news.today")).isTrue();
        assertThat(rules.allows(AuthenticatedUser.ANONYMOUS, Permission.SEND, "news.today")).isFalse();
    }

    @Test
    void aPermissionOnAPatternNeedsItOnEveryDestinationThePatternMatches() {
        assertThat(rules.allowsAll(OPS, Permission.ADMIN, new AddressPattern("orders.eu.*"))).isTrue();
        assertThat(rules.allowsAll(OPS, Permission.ADMIN, new AddressPattern("orders.eu"))).isTrue();
        assertThat(rules.allowsAll(OPS, Permission.ADMIN, new AddressPattern("orders.>"))).as("orders.audit is taken away")
                .isFalse();
        assertThat(rules.allowsAll(OPS, Permission.ADMIN, new AddressPattern("orders.audit"))).isFalse();
        assertThat(rules.allowsAll(OPS, Permission.ADMIN, new AddressPattern("*.eu"))).isFalse();
        assertThat(rules.allowsEverywhere(OPS, Permission.ADMIN)).isFalse();
        assertThat(rules.allowsEverywhere(new AuthenticatedUser("root", Set.of("root")), Permission.ADMIN))
                .as("root's grant on > is taken away on orders.>, which ops holds").isFalse();
    }

    @Test
    void somewhereMeansOnAtLeastOnePattern() {
        assertThat(rules.allowsSomewhere(OPS, Permission.ADMIN)).isTrue();
        assertThat(rules.allowsSomewhere(SHOP, Permission.ADMIN)).isFalse();
    }

    @Test
    void theDefaultsOpenEverythingWithoutUsersAndKeepAdminForTheAdminRoleWithThem() {
        AuthenticatedUser admin = new AuthenticatedUser("root", Set.of(AuthenticatedUser.ADMIN_ROLE));
        for (Permission permission : Permission.values()) {
            assertThat(AccessRules.OPEN.allowsEverywhere(AuthenticatedUser.ANONYMOUS, permission)).isTrue();
            assertThat(AccessRules.USERS_DEFAULT.allowsEverywhere(admin, permission)).isTrue();
            assertThat(AccessRules.USERS_DEFAULT.allowsEverywhere(NOBODY, permission))
                    .isEqualTo(permission != Permission.ADMIN);
            assertThat(AccessRules.EMPTY.allows(admin, permission, "orders")).isFalse();
        }
    }

    @Test
    void badRulesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> AccessRules.fromOptions(Map.of("orders.>.write", "shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write").hasMessageContaining("createDurable");
        assertThatThrownBy(() -> AccessRules.fromOptions(Map.of("send", "shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("security.<address pattern>.<permission>");
        assertThatThrownBy(() -> AccessRules.fromOptions(Map.of("orders.>.more.send", "shop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last word");
    }

    @Test
    void theRulesDescribeThemselvesAsTheyAreWritten() {
        assertThat(rules.describe()).containsEntry("orders.>.send", "shop, staff").containsEntry("orders.secret.send", "");
    }

    private static Map<String, String> rules(String... keysAndRoles) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < keysAndRoles.length; i += 2) {
            rules.put(keysAndRoles[i], keysAndRoles[i + 1]);
        }
        return rules;
    }
}
