package dev.tern.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PBKDF2 hashes: salted, checked in their users-file form, and malformed ones refused. */
class PasswordHashTest {

    private static final int FAST = PasswordHash.MIN_ITERATIONS;

    @Test
    void aHashMatchesItsPasswordOnlyAndSurvivesItsTextForm() {
        PasswordHash hash = PasswordHash.of("secret".toCharArray(), FAST);
        PasswordHash read = PasswordHash.parse(hash.encoded());

        assertThat(read).isEqualTo(hash);
        assertThat(read.matches("secret".toCharArray())).isTrue();
        assertThat(read.matches("Secret".toCharArray())).isFalse();
        assertThat(read.matches(new char[0])).isFalse();
        assertThat(hash.encoded()).startsWith("$pbkdf2-sha256$" + FAST + "$").doesNotContain("secret");
    }

    @Test
    void eachHashHasASaltOfItsOwn() {
        assertThat(PasswordHash.of("secret".toCharArray(), FAST).encoded())
                .isNotEqualTo(PasswordHash.of("secret".toCharArray(), FAST).encoded());
    }

    @Test
    void aDecoyHasTheIterationsAskedForAndMatchesNoPassword() {
        PasswordHash decoy = PasswordHash.decoy(FAST);

        assertThat(decoy.iterations()).isEqualTo(FAST);
        assertThat(decoy.matches(new char[0])).isFalse();
        assertThat(decoy.matches("secret".toCharArray())).isFalse();
        assertThat(PasswordHash.parse(decoy.encoded())).isEqualTo(decoy);
    }

    @Test
    void malformedOrWeakHashesAreRefused() {
        String good = PasswordHash.of("secret".toCharArray(), FAST).encoded();
        assertThat(PasswordHash.isHash("secret")).isFalse();
        assertThatThrownBy(() -> PasswordHash.parse("$pbkdf2-sha256$many$AAAAAAAAAAA$AAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("many");
        assertThatThrownBy(() -> PasswordHash.parse(good.replace("$" + FAST + "$", "$1000$")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
        assertThatThrownBy(() -> PasswordHash.parse(good.substring(0, good.lastIndexOf('$')) + "$"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse("$pbkdf2-sha256$" + FAST + "$not base64!$AAAAAAAAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
