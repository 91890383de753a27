package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustedPackagesTest {

    @Test
    void defaultsTrustJavaLangAndJavaUtilWithSubpackages() {
        TrustedPackages trust = TrustedPackages.of(TrustedPackages.DEFAULT_PACKAGES);

        assertThat(trust.isTrusted("java.lang.Integer")).isTrue();
        assertThat(trust.isTrusted("java.util.ArrayList")).isTrue();
        assertThat(trust.isTrusted("java.util.concurrent.ConcurrentHashMap")).isTrue();
        assertThat(trust.isTrusted("java.utilities.Evil")).isFalse();
        assertThat(trust.isTrusted("javax.management.BadAttributeValueExpException")).isFalse();
        assertThat(trust.isTrusted("com.acme.Order")).isFalse();
    }

    @Test
    void defaultsReadTheSystemProperty() {
        String previous = System.getProperty(TrustedPackages.SYSTEM_PROPERTY);
        try {
            System.setProperty(TrustedPackages.SYSTEM_PROPERTY, "com.acme");
            assertThat(TrustedPackages.defaults().entries()).containsExactly("com.acme");
            System.clearProperty(TrustedPackages.SYSTEM_PROPERTY);
            assertThat(TrustedPackages.defaults().entries()).containsExactly("java.lang", "java.util");
        } finally {
            if (previous != null) {
                System.setProperty(TrustedPackages.SYSTEM_PROPERTY, previous);
            }
        }
    }

    @Test
    void entriesAreTrimmedAndMayNameClasses() {
        TrustedPackages trust = TrustedPackages.of(" com.acme , org.example.Order ,, net.foo.* ");

        assertThat(trust.entries()).containsExactly("com.acme", "org.example.Order", "net.foo");
        assertThat(trust.isTrusted("com.acme.billing.Invoice")).isTrue();
        assertThat(trust.isTrusted("org.example.Order")).isTrue();
        assertThat(trust.isTrusted("org.example.Other")).isFalse();
        assertThat(trust.isTrusted("net.foo.Bar")).isTrue();
        assertThat(trust.isTrusted("java.lang.String")).isFalse();
    }

    @Test
    void starTrustsEverything() {
        TrustedPackages trust = TrustedPackages.of("*");

        assertThat(trust.trustsAll()).isTrue();
        assertThat(trust.isTrusted("anything.At.All")).isTrue();
    }

    @Test
    void primitivesAndPrimitiveArraysAreAlwaysTrusted() {
        TrustedPackages trust = TrustedPackages.of(null);

        assertThat(trust.isTrusted("int")).isTrue();
        assertThat(trust.isTrusted("[I")).isTrue();
        assertThat(trust.isTrusted("[[B")).isTrue();
        assertThat(trust.isTrusted("java.lang.Integer")).isFalse();
    }

    @Test
    void arraysAreJudgedByTheirComponentType() {
        TrustedPackages trust = TrustedPackages.of("java.lang");

        assertThat(trust.isTrusted("[Ljava.lang.String;")).isTrue();
        assertThat(trust.isTrusted("[[Ljava.lang.String;")).isTrue();
        assertThat(trust.isTrusted("[Lcom.acme.Order;")).isFalse();
    }

    @Test
    void equalListsAreEqual() {
        assertThat(TrustedPackages.of("a,b")).isEqualTo(TrustedPackages.of("a, b")).hasSameHashCodeAs(
                TrustedPackages.of("a,b"));
        assertThat(TrustedPackages.of("a,b")).hasToString("a,b");
    }
}
