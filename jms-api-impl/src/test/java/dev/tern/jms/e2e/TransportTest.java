package dev.tern.jms.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per {@link Transport}. The test method and the class's {@code @BeforeEach}
 * and {@code @AfterEach} methods may declare a {@link Transport} parameter to learn which one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TransportExtension.class)
@interface TransportTest {
}
