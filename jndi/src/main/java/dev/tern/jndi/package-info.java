/**
 * JNDI for Tern: {@link dev.tern.jndi.TernInitialContextFactory} binds connection factories and
 * destinations described in {@code jndi.properties} or an environment table, in the conventions of
 * ActiveMQ Classic and ActiveMQ Artemis, so that existing configurations work with a changed factory
 * class and URL.
 *
 * <pre>
 * java.naming.factory.initial = dev.tern.jndi.TernInitialContextFactory
 * java.naming.provider.url    = vm://localhost?broker.persistent=false
 * # ActiveMQ Classic: factories on the provider URL, destinations by JNDI name
 * connectionFactoryNames      = ConnectionFactory, OrdersFactory
 * queue.jms/orders            = orders
 * topic.prices                = prices
 * # Artemis: a factory with its own URL; clientID, user, password and type are understood
 * connectionFactory.Durable   = vm://localhost?clientID=reporting&amp;type=TOPIC_CF
 * </pre>
 *
 * <p>Lookups of {@code dynamicQueues/NAME} and {@code dynamicTopics/NAME} make a queue or topic on the
 * fly. The factories and destinations are bound as {@link javax.naming.Reference}s and rebuilt by
 * {@link dev.tern.jms.TernObjectFactory} on each lookup, as a Jakarta EE server would do.
 *
 * <p>The naming context itself is Apache Naming ({@code org.apache.naming.NamingContext}), the
 * in-memory JNDI implementation of Apache Tomcat. It is maintained with Tomcat but not published on
 * its own: it ships inside {@code org.apache.tomcat:tomcat-catalina}. That jar (about 1.8 MB) is used
 * as it is, with every Tomcat dependency excluded except {@code tomcat-juli}, the only one the naming
 * classes use.
 */
package dev.tern.jndi;
