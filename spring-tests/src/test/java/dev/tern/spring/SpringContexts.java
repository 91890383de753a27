package dev.tern.spring;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Starts real annotation-driven Spring contexts whose {@code connectionFactory} bean is given by the test. */
final class SpringContexts {

    private SpringContexts() {
    }

    /**
     * A refreshed context with the given connection factory as bean {@code connectionFactory} and the
     * given configuration classes.
     */
    static AnnotationConfigApplicationContext start(ConnectionFactory connectionFactory, Class<?>... configurations) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean("connectionFactory", ConnectionFactory.class, () -> connectionFactory);
        context.register(configurations);
        context.refresh();
        return context;
    }
}
