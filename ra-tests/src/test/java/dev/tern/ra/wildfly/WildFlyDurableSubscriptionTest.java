package dev.tern.ra.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.ra.glassfish.Inbox.Delivery;
import dev.tern.ra.glassfish.TestBroker;
import dev.tern.ra.glassfish.durable.DurableListener;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GlassFish's durable subscriber in WildFly: the subscription keeps what is published while the application
 * is undeployed. Each deployment has an {@code Inbox} of its own (WildFly gives it a new class loader).
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyDurableSubscriptionTest {

    private static final String APP = "wf-durable";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return WildFlyDeployments.webApp(APP, DurableListener.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void durableSubscriptionKeepsMessagesPublishedWhileTheApplicationIsUndeployed() {
        String listener = DurableListener.class.getSimpleName();
        Driver driver = new Driver(WildFlyDeployments.url(APP), WildFlySender.class.getSimpleName());
        deployer.deploy(APP);
        try {
            await().atMost(TIMEOUT).until(() -> TestBroker.topicConsumers(DurableListener.TOPIC) == 1);
            TestBroker.publish(DurableListener.TOPIC, "while deployed");
            assertThat(driver.next(listener, TIMEOUT)).extracting(Delivery::text).isEqualTo("while deployed");

            deployer.undeploy(APP);
            await().atMost(TIMEOUT).until(() -> TestBroker.topicConsumers(DurableListener.TOPIC) == 0);
            TestBroker.publish(DurableListener.TOPIC, "while undeployed");
            deployer.deploy(APP);

            assertThat(driver.next(listener, TIMEOUT)).extracting(Delivery::text).isEqualTo("while undeployed");
        } finally {
            deployer.undeploy(APP);
        }
    }
}
