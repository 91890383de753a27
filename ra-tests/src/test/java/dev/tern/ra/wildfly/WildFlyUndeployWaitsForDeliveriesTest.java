package dev.tern.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.ra.glassfish.TestBroker;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying an application whose message-driven bean is running deliveries, in WildFly. Unlike
 * GlassFish, WildFly's EJB container waits for running {@code onMessage} calls to return before it calls
 * the adapter's {@code endpointDeactivation} (and refuses new ones meanwhile), so the adapter's
 * {@code deactivationTimeoutMillis} does not bound the undeployment: the slowest delivery does. Nothing is
 * lost or done twice: each message ends either done or back on its queue.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyUndeployWaitsForDeliveriesTest {

    private static final String APP = "wf-undeploy";
    private static final int MESSAGES = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return WildFlyDeployments.webApp(APP, SlowListener.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void undeployWaitsForRunningDeliveriesAndEachMessageEndsDoneOrBackOnTheQueue() {
        Driver driver = new Driver(WildFlyDeployments.url(APP), WildFlySender.class.getSimpleName());
        deployer.deploy(APP);
        boolean undeployed = false;
        try {
            for (int i = 0; i < MESSAGES; i++) {
                TestBroker.send(SlowListener.QUEUE, "slow " + i);
            }
            assertThat(driver.next(SlowListener.class.getSimpleName(), TIMEOUT)).as("a delivery in flight").isNotNull();

            long start = System.nanoTime();
            deployer.undeploy(APP);
            undeployed = true;
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("waited for the running delivery").isGreaterThan(SlowListener.HOLD.dividedBy(2))
                    .isLessThan(SlowListener.HOLD.plusSeconds(7));
            await().atMost(TIMEOUT).until(() -> TestBroker.queueConsumers(SlowListener.QUEUE) == 0);
        } finally {
            if (!undeployed) {
                deployer.undeploy(APP);
            }
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(TestBroker.messageCount(SlowListener.QUEUE)
                + TestBroker.messageCount(SlowListener.DONE))
                .as("waiting on %s (of %s unacknowledged), done %s", TestBroker.messageCount(SlowListener.QUEUE),
                        TestBroker.broker().unacknowledgedCount(SlowListener.QUEUE), TestBroker.messageCount(SlowListener.DONE))
                .isEqualTo(MESSAGES));
        assertThat(TestBroker.messageCount(SlowListener.DONE)).as("deliveries done").isBetween(1, 2);
    }
}
