package dev.tern.spring.boot;

import dev.tern.jms.TernConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.autoconfigure.jms.JmsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Auto-configures a Tern {@link ConnectionFactory} for Spring Boot's JMS support, unless the
 * application defines a connection factory of its own.
 *
 * <p>The factory reaches the broker of {@code tern.broker-url}, by default an embedded in-memory broker
 * ({@code vm://localhost?broker.persistent=false}). As with Boot's own brokers, it is wrapped in a
 * {@link CachingConnectionFactory} configured by {@code spring.jms.cache.*} unless
 * {@code spring.jms.cache.enabled=false}. An embedded broker is kept running while the context lives,
 * and the queues of {@code tern.queues} are created at start-up; with a {@link MeterRegistry} in the
 * context (Spring Boot Actuator's), the embedded broker registers its meters there. Runs before
 * {@link JmsAutoConfiguration}, which then builds the {@code JmsTemplate} and the
 * {@code @JmsListener} container factory on this connection factory.
 */
@AutoConfiguration(before = JmsAutoConfiguration.class)
@ConditionalOnClass({ConnectionFactory.class, TernConnectionFactory.class})
@ConditionalOnMissingBean(ConnectionFactory.class)
@EnableConfigurationProperties({TernProperties.class, JmsProperties.class})
public class TernAutoConfiguration {

    @Bean
    @Conditional(OnEmbeddedBrokerCondition.class)
    EmbeddedBrokerKeeper ternEmbeddedBrokerKeeper(TernProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        return new EmbeddedBrokerKeeper(TernConnectionFactories.createForAdministration(properties),
                properties.effectiveBrokerUrl(), meterRegistry.getIfUnique());
    }

    @Bean
    TernDestinationCreator ternDestinationCreator(TernProperties properties,
            ObjectProvider<EmbeddedBrokerKeeper> keeper) {
        // An embedded broker must be running first, or the queues made now would stop with it.
        keeper.getIfAvailable();
        return new TernDestinationCreator(TernConnectionFactories.createForAdministration(properties),
                properties.getQueues(), properties.getTopics());
    }

    /** The default: Tern's factory behind Spring's session cache. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "spring.jms.cache", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class CachingFactoryConfiguration {

        @Bean
        CachingConnectionFactory jmsConnectionFactory(TernProperties properties, JmsProperties jmsProperties) {
            JmsProperties.Cache cache = jmsProperties.getCache();
            CachingConnectionFactory factory = new CachingConnectionFactory(TernConnectionFactories.create(properties));
            factory.setCacheConsumers(cache.isConsumers());
            factory.setCacheProducers(cache.isProducers());
            factory.setSessionCacheSize(cache.getSessionCacheSize());
            return factory;
        }
    }

    /** With {@code spring.jms.cache.enabled=false}: Tern's factory as it is. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "spring.jms.cache", name = "enabled", havingValue = "false")
    static class PlainFactoryConfiguration {

        @Bean
        TernConnectionFactory jmsConnectionFactory(TernProperties properties) {
            return TernConnectionFactories.create(properties);
        }
    }
}
