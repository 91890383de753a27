package dev.tern.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.broker.Broker;
import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidDestinationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

/** The conditions and properties of {@link TernAutoConfiguration}, with Boot's JMS auto-configuration. */
class TernAutoConfigurationTest {

    private final String brokerName = "boot-" + UUID.randomUUID().toString().substring(0, 8);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TernAutoConfiguration.class, JmsAutoConfiguration.class));

    /** The Tern factory behind the context's connection factory, unwrapping Spring's cache. */
    private static TernConnectionFactory ternFactory(ConnectionFactory factory) {
        ConnectionFactory target = factory instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : factory;
        assertThat(target).isInstanceOf(TernConnectionFactory.class);
        return (TernConnectionFactory) target;
    }

    @Test
    void defaultsToACachedFactoryOnAnEmbeddedInMemoryBrokerThatRunsWhileTheContextLives() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ConnectionFactory.class).hasSingleBean(CachingConnectionFactory.class);
            assertThat(ternFactory(context.getBean(ConnectionFactory.class)).getBrokerURL())
                    .isEqualTo("vm://localhost?broker.persistent=false");
            assertThat(context).hasSingleBean(EmbeddedBrokerKeeper.class);
            assertThat(EmbeddedBrokers.find("localhost")).get().extracting(Broker::isClosed).isEqualTo(false);
            assertThat(context.getBean(JmsTemplate.class).getConnectionFactory())
                    .isSameAs(context.getBean(ConnectionFactory.class));
        });
        assertThat(EmbeddedBrokers.find("localhost")).as("stopped with the context").isEmpty();
    }

    @Test
    void anEmbeddedBrokerRegistersItsMetersInTheApplicationsRegistryAndTakesThemAwayWithTheContext() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> registry)
                .withPropertyValues("tern.embedded.name=" + brokerName, "tern.queues=orders").run(context -> {
                    assertThat(context.getBean(EmbeddedBrokerKeeper.class).startedTheBroker()).isTrue();
                    context.getBean(JmsTemplate.class).convertAndSend("orders", "hello");
                    assertThat(registry.get("tern.queue.messages").tag("queue", "orders").gauge().value()).isEqualTo(1);
                    assertThat(registry.get("tern.connections").tag("broker", brokerName).gauge().value()).isPositive();
                });
        assertThat(EmbeddedBrokers.find(brokerName)).as("stopped with the context").isEmpty();
        assertThat(registry.find("tern.connections").gauge()).isNull();
    }

    @Test
    void springJmsCacheSettingsShapeTheCachingFactory() {
        runner.withPropertyValues("spring.jms.cache.session-cache-size=5", "spring.jms.cache.consumers=true",
                "tern.embedded.name=" + brokerName).run(context -> {
                    CachingConnectionFactory caching = context.getBean(CachingConnectionFactory.class);
                    assertThat(caching.getSessionCacheSize()).isEqualTo(5);
                    assertThat(caching.isCacheConsumers()).isTrue();
                });
    }

    @Test
    void withTheCacheDisabledTheFactoryIsTernsOwn() {
        runner.withPropertyValues("spring.jms.cache.enabled=false", "tern.embedded.name=" + brokerName)
                .run(context -> assertThat(context.getBean(ConnectionFactory.class))
                        .isInstanceOf(TernConnectionFactory.class));
    }

    @Test
    void brokerUrlUserAndPasswordReachTheFactoryAndARemoteBrokerIsNotKept() {
        runner.withPropertyValues("tern.broker-url=tcp://broker.example:61617", "tern.user=ada",
                "tern.password=secret").run(context -> {
                    TernConnectionFactory tern = ternFactory(context.getBean(ConnectionFactory.class));
                    assertThat(tern.getBrokerURL()).isEqualTo("tcp://broker.example:61617");
                    assertThat(tern.getUser()).isEqualTo("ada");
                    assertThat(tern.properties()).containsEntry("password", "secret");
                    assertThat(context).doesNotHaveBean(EmbeddedBrokerKeeper.class);
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnConnectionFactory() {
        TernConnectionFactory own = new TernConnectionFactory("vm://" + brokerName + "?broker.persistent=false");
        runner.withBean("myFactory", ConnectionFactory.class, () -> own).run(context -> {
            assertThat(context).getBean(ConnectionFactory.class).isSameAs(own);
            assertThat(context).doesNotHaveBean(EmbeddedBrokerKeeper.class)
                    .doesNotHaveBean(TernDestinationCreator.class);
            assertThat(context.getBean(JmsTemplate.class).getConnectionFactory()).isSameAs(own);
        });
    }

    @Test
    void configuredQueuesExistOnTheEmbeddedBrokerAfterStartUp() {
        runner.withPropertyValues("tern.embedded.name=" + brokerName, "tern.queues=orders,invoices",
                "tern.topics=prices").run(context -> {
                    assertThat(context).hasNotFailed();
                    Broker broker = EmbeddedBrokers.find(brokerName).orElseThrow();
                    assertThat(broker.messageCount("orders")).hasValue(0);
                    assertThat(broker.messageCount("invoices")).hasValue(0);
                    assertThat(broker.messageCount("never-mentioned")).isEmpty();
                });
    }

    @Test
    void configuredQueuesAreCreatedOnARemoteBrokerToo() {
        Broker remote = EmbeddedBrokers.start(BrokerConfig.named(brokerName).withPersistent(false)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        try {
            runner.withPropertyValues("tern.broker-url=tcp://127.0.0.1:" + remote.tcpPort(), "tern.queues=payments")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(remote.messageCount("payments")).hasValue(0);
                    });
        } finally {
            EmbeddedBrokers.stop(brokerName);
        }
    }

    @Test
    void aClientIdInTheUrlIsLeftToTheApplicationsConnections() {
        runner.withPropertyValues("tern.broker-url=vm://" + brokerName + "?broker.persistent=false&jms.clientID=orders",
                "tern.queues=orders").run(context -> {
                    assertThat(context).hasNotFailed();
                    try (var connection = context.getBean(ConnectionFactory.class).createConnection()) {
                        assertThat(connection.getClientID()).isEqualTo("orders");
                    }
                });
    }

    @Test
    void aBadDestinationNameFailsTheStart() {
        runner.withPropertyValues("tern.embedded.name=" + brokerName, "tern.topics=?consumer.prefetchSize=1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseInstanceOf(InvalidDestinationException.class));
    }

    @Test
    void persistentEmbeddedBrokerJournalsInTheDataDirectoryAndKeepsMessagesAcrossRestarts(@TempDir Path dir) {
        Path data = dir.resolve("tern data");
        ApplicationContextRunner persistent = runner.withPropertyValues("tern.embedded.name=" + brokerName,
                "tern.embedded.persistent=true", "tern.embedded.data-directory=" + data);

        persistent.run(context -> {
            assertThat(ternFactory(context.getBean(ConnectionFactory.class)).getBrokerURL())
                    .startsWith("vm://" + brokerName + "?broker.persistent=true&broker.dataDir=");
            context.getBean(JmsTemplate.class).convertAndSend("durable-orders", "order 1");
        });
        assertThat(data).isDirectory();
        assertThat(data).isNotEmptyDirectory();

        persistent.run(context -> {
            JmsTemplate template = context.getBean(JmsTemplate.class);
            template.setReceiveTimeout(5_000);
            assertThat(template.receiveAndConvert("durable-orders")).isEqualTo("order 1");
        });
    }
}
