package dev.tern.ra.glassfish.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.ra.glassfish.Deployments;
import dev.tern.ra.glassfish.Inbox;
import dev.tern.ra.glassfish.Inbox.Delivery;
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

/** A message-driven bean on a durable topic subscription keeps what was published while it was undeployed. */
@ExtendWith(ArquillianExtension.class)
class DurableSubscriptionTest {

    private static final String APP = "durable";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.webAppWithTernAdapter(APP, DurableListener.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @RunAsClient
    void durableSubscriptionKeepsMessagesPublishedWhileTheApplicationIsUndeployed() throws InterruptedException {
        String listener = DurableListener.class.getSimpleName();
        deployer.deploy(APP);
        try {
            await().atMost(TIMEOUT).until(() -> TestBroker.topicConsumers(DurableListener.TOPIC) == 1);
            TestBroker.publish(DurableListener.TOPIC, "while deployed");
            assertThat(Inbox.next(listener, TIMEOUT)).extracting(Delivery::text).isEqualTo("while deployed");

            deployer.undeploy(APP);
            await().atMost(TIMEOUT).until(() -> TestBroker.topicConsumers(DurableListener.TOPIC) == 0);
            TestBroker.publish(DurableListener.TOPIC, "while undeployed");
            deployer.deploy(APP);

            assertThat(Inbox.next(listener, TIMEOUT)).extracting(Delivery::text).isEqualTo("while undeployed");
        } finally {
            deployer.undeploy(APP);
        }
    }
}
