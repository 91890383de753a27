package dev.tern.tck.official;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test of the official TCK an empty broker, as each of them assumes. The TCK's tests share
 * destinations and durable subscription names, and some leave state behind: for example
 * {@code TxTopicTestsIT.transactionRollbackOnPublishTopicTest} never unsubscribes its durable subscription,
 * so in JUnit's method order the messages of the next test collect in it, and
 * {@code transactionRollbackOnSessionCloseReceiveTopicTest}, which subscribes under the same name, receives
 * those instead of its own. The TCK's former harness ran the tests in source order, where this went unseen.
 *
 * <p>Registered through {@code META-INF/services} and enabled by the TCK runs alone
 * ({@code junit.jupiter.extensions.autodetection.enabled}); it leaves every other test alone.
 */
public final class TckTestIsolation implements BeforeEachCallback {

    private static final String TCK_PACKAGE = "com.sun.ts.tests.jms.";

    @Override
    public void beforeEach(ExtensionContext context) {
        if (context.getRequiredTestClass().getName().startsWith(TCK_PACKAGE)) {
            TckBroker.restart();
        }
    }
}
