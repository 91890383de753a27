package dev.tern.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tern.broker.BrokerConfig;
import dev.tern.broker.net.TcpSettings;
import dev.tern.broker.vm.EmbeddedBrokers;
import dev.tern.jms.TernConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jms.annotation.EnableJms;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.config.JmsListenerConfigUtils;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.SimpleMessageListenerContainer;

/**
 * Closing a Spring context whose listeners are busy: the close returns within a few seconds and every
 * thread Tern (and the listener containers) started for it is gone afterwards.
 */
class ShutdownTest {

    /** Thread names of everything the test's context and broker run on. */
    private static final List<String> WATCHED_PREFIXES = List.of("tern-", "shutdown-test-");
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    /** A listener that works about 50 ms on every message and counts what it finished. */
    static class SlowWork implements MessageListener {
        final AtomicInteger done = new AtomicInteger();

        @Override
        public void onMessage(Message message) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            done.incrementAndGet();
        }
    }

    /** The {@code @JmsListener} side: three to ten consumers, all busy. */
    static class BusyListeners {
        final SlowWork work = new SlowWork();

        @JmsListener(destination = "busy", concurrency = "3-10")
        void onMessage(Message message) {
            work.onMessage(message);
        }
    }

    @Configuration
    @EnableJms
    static class BusyConfig {

        @Bean
        DefaultJmsListenerContainerFactory jmsListenerContainerFactory(ConnectionFactory connectionFactory) {
            DefaultJmsListenerContainerFactory factory = new DefaultJmsListenerContainerFactory();
            factory.setConnectionFactory(connectionFactory);
            factory.setTaskExecutor(new SimpleAsyncTaskExecutor("shutdown-test-dmlc-"));
            return factory;
        }

        @Bean
        BusyListeners busyListeners() {
            return new BusyListeners();
        }

        @Bean
        SlowWork simpleWork() {
            return new SlowWork();
        }

        @Bean
        SimpleMessageListenerContainer simpleContainer(ConnectionFactory connectionFactory) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer();
            container.setConnectionFactory(connectionFactory);
            container.setDestinationName("busy-simple");
            container.setConcurrentConsumers(2);
            container.setMessageListener(simpleWork());
            // Consumers made in the container's start, once it runs. Made early (Spring's default), they sit on a
            // connection the @JmsListener container may start first when both share it (CachingConnectionFactory):
            // the queued jobs then reach listeners of a container that is not running, which rejects them, and a
            // rejection in AUTO_ACKNOWLEDGE mode returns normally, so each job is acknowledged and lost (with any
            // JMS provider). See simpleContainerStartingAfterTheSharedConnectionStillGetsItsJobs.
            container.setConnectLazily(true);
            return container;
        }

        @Bean
        JmsTemplate jmsTemplate(ConnectionFactory connectionFactory) {
            return new JmsTemplate(connectionFactory);
        }
    }

    /** How the context wraps Tern's connection factory. */
    enum Wrapping {
        /** Tern's factory as it is: every container opens its own connections. */
        NONE,
        /** Spring's {@link CachingConnectionFactory}, as Spring Boot configures by default. */
        CACHING;

        ConnectionFactory wrap(ConnectionFactory tern) {
            return this == NONE ? tern : new CachingConnectionFactory(tern);
        }
    }

    /**
     * Starts the {@code @JmsListener} containers (by depending on their registry), then holds up the start of
     * the lifecycle beans after it, as a main thread starved of CPU does.
     */
    static class LateStart implements SmartLifecycle {
        private volatile boolean running;

        @Override
        public void start() {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    private final String brokerName = "shutdown-" + UUID.randomUUID().toString().substring(0, 8);
    private AnnotationConfigApplicationContext context;

    @AfterEach
    void cleanUp() {
        if (context != null) {
            context.close();
        }
        EmbeddedBrokers.stop(brokerName);
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void contextWithBusyListenersOnAnEmbeddedBrokerClosesPromptlyAndLeavesNoThread(Wrapping wrapping)
            throws JMSException {
        Set<Long> before = liveThreadIds();
        TernConnectionFactory factory = new TernConnectionFactory("vm://" + brokerName + "?broker.persistent=false");
        // Keeps the in-memory broker up until the listeners consume, which proves the context's own connections
        // hold it: some containers connect from their own threads after start, and a broker whose last
        // connection closed in between would stop and lose the queued jobs.
        Connection keepAlive = factory.createConnection();
        try {
            fillQueues(factory);
            context = SpringContexts.start(wrapping.wrap(factory), BusyConfig.class);
            awaitBusyListeners();
        } finally {
            keepAlive.close();
        }

        assertClosesWithinBound();

        assertNoWatchedThreadSurvives(before);
        assertThat(EmbeddedBrokers.find(brokerName)).as("the embedded broker stopped with its last connection").isEmpty();
    }

    /**
     * The start order a loaded machine makes likely: the {@code @JmsListener} container starts the shared
     * connection, and the simple container runs half a second later. Its queued jobs must wait for it.
     */
    @Test
    void simpleContainerStartingAfterTheSharedConnectionStillGetsItsJobs() throws JMSException {
        TernConnectionFactory factory = new TernConnectionFactory("vm://" + brokerName + "?broker.persistent=false");
        Connection keepAlive = factory.createConnection();
        try {
            fillQueues(factory);
            context = new AnnotationConfigApplicationContext();
            context.registerBean("connectionFactory", ConnectionFactory.class, () -> Wrapping.CACHING.wrap(factory));
            context.registerBean("lateStart", LateStart.class,
                    late -> late.setDependsOn(JmsListenerConfigUtils.JMS_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME));
            context.register(BusyConfig.class);
            context.refresh();
            SlowWork simple = context.getBean("simpleWork", SlowWork.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(simple.done.get())
                    .as("jobs done by the simple container").isGreaterThanOrEqualTo(10));
        } finally {
            keepAlive.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void contextWithBusyListenersOverTcpClosesPromptlyAndLeavesNoClientThread(Wrapping wrapping) {
        var broker = EmbeddedBrokers.start(BrokerConfig.named(brokerName).withPersistent(false)
                .withTcp(TcpSettings.onPort(0).withHost("127.0.0.1")));
        Set<Long> before = liveThreadIds();
        TernConnectionFactory factory = new TernConnectionFactory("tcp://127.0.0.1:" + broker.tcpPort());
        fillQueues(factory);
        context = SpringContexts.start(wrapping.wrap(factory), BusyConfig.class);
        awaitBusyListeners();

        assertClosesWithinBound();

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.connectionCount() == 0);
        String brokerThreads = "tern-" + brokerName + "-";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(watchedThreadNames(before))
                .as("client and container threads").allMatch(name -> name.startsWith(brokerThreads)));
        EmbeddedBrokers.stop(brokerName);
        assertNoWatchedThreadSurvives(before);
    }

    /** Puts 300 jobs on each queue before the listeners start. */
    private static void fillQueues(ConnectionFactory factory) {
        JmsTemplate template = new JmsTemplate(new SingleConnectionFactory(factory));
        IntStream.range(0, 300).forEach(i -> {
            template.convertAndSend("busy", "job " + i);
            template.convertAndSend("busy-simple", "job " + i);
        });
        ((SingleConnectionFactory) template.getConnectionFactory()).destroy();
    }

    /** Waits until both containers are in the middle of their work. */
    private void awaitBusyListeners() {
        SlowWork annotated = context.getBean(BusyListeners.class).work;
        SlowWork simple = context.getBean("simpleWork", SlowWork.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(List.of(annotated.done.get(),
                simple.done.get())).as("jobs done by the @JmsListener and the simple container").allMatch(done -> done >= 10));
        assertThat(annotated.done.get()).as("still busy when the context closes").isLessThan(300);
    }

    private void assertClosesWithinBound() {
        long start = System.nanoTime();
        context.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(CLOSE_BOUND);
    }

    private static void assertNoWatchedThreadSurvives(Set<Long> before) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(watchedThreadNames(before)).isEmpty());
    }

    private static Set<Long> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /** Names of live watched threads that were not running before. */
    private static Set<String> watchedThreadNames(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread.getId()))
                .map(Thread::getName)
                .filter(name -> WATCHED_PREFIXES.stream().anyMatch(name::startsWith))
                .collect(Collectors.toSet());
    }
}
