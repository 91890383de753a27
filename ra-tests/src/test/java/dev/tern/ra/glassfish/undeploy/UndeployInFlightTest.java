package dev.tern.ra.glassfish.undeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.ra.glassfish.Deployments;
import dev.tern.ra.glassfish.Inbox;
import dev.tern.ra.glassfish.TernAdapter;
import dev.tern.ra.glassfish.TestBroker;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying an application whose message-driven bean holds deliveries finishes within a bound (the
 * adapter's deactivation timeout and some), and loses no message: the held ones go back to the queue.
 */
@ExtendWith(ArquillianExtension.class)
class UndeployInFlightTest {

    private static final String APP = "undeploy";
    private static final int MESSAGES = 10;
    private static final Duration UNDEPLOY_BOUND = Duration.ofMillis(TernAdapter.DEACTIVATION_TIMEOUT_MILLIS + 7_000);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.webAppWithTernAdapter(APP, HeldListener.class, Gate.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @RunAsClient
    void undeployWithDeliveriesInFlightEndsWithinABoundAndLosesNothing() throws Exception {
        deployer.deploy(APP);
        boolean undeployed = false;
        try {
            for (int i = 0; i < MESSAGES; i++) {
                TestBroker.send(HeldListener.QUEUE, "held " + i);
            }
            assertThat(Inbox.next(HeldListener.class.getSimpleName(), TIMEOUT)).as("a delivery in flight").isNotNull();

            // Arquillian's deployer works only on the test's thread; the gate bounds how long it can block.
            long start = System.nanoTime();
            deployer.undeploy(APP);
            undeployed = true;
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(UNDEPLOY_BOUND);
            await().atMost(TIMEOUT).until(() -> TestBroker.queueConsumers(HeldListener.QUEUE) == 0);
        } finally {
            Gate.open();
            if (!undeployed) {
                deployer.undeploy(APP);
            }
        }
        await().atMost(TIMEOUT).until(() -> TestBroker.messageCount(HeldListener.QUEUE) == MESSAGES);
    }
}
