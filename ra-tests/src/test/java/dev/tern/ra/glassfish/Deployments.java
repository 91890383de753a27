package dev.tern.ra.glassfish;

import jakarta.ejb.MessageDriven;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds the archives the tests deploy. */
public final class Deployments {

    private Deployments() {
    }

    /**
     * A web application named {@code name.war} holding these classes, with the plain Tern client and
     * Netty in {@code WEB-INF/lib}. Starts the test broker, so that its URL is known before deployment.
     */
    public static WebArchive webAppWithTernClient(String name, Class<?>... classes) {
        TestBroker.url();
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClass(TestBroker.class)
                .addAsLibraries(clientLibraries());
    }

    /**
     * A web application named {@code name.war} that uses Tern's resource adapter, which is configured
     * and deployed first if need be. Message-driven beans among the classes are bound to the adapter in
     * {@code WEB-INF/glassfish-ejb-jar.xml}: GlassFish binds an MDB to an adapter other than its own
     * JMS one only so.
     */
    public static WebArchive webAppWithTernAdapter(String name, Class<?>... classes) {
        TernAdapter.deployOnce();
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClasses(TestBroker.class, Inbox.class, Inbox.Delivery.class);
        String[] mdbs = Stream.of(classes).filter(c -> c.isAnnotationPresent(MessageDriven.class))
                .map(Class::getSimpleName).toArray(String[]::new);
        if (mdbs.length > 0) {
            war.addAsWebInfResource(new StringAsset(glassfishEjbJar(mdbs)), "glassfish-ejb-jar.xml");
        }
        return war;
    }

    /** A {@code glassfish-ejb-jar.xml} that binds these message-driven beans, by EJB name, to Tern's adapter. */
    static String glassfishEjbJar(String... mdbNames) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE glassfish-ejb-jar PUBLIC \"-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN\"\n")
                .append("    \"http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd\">\n")
                .append("<glassfish-ejb-jar>\n  <enterprise-beans>\n");
        for (String mdb : mdbNames) {
            xml.append("    <ejb>\n      <ejb-name>").append(mdb).append("</ejb-name>\n")
                    .append("      <mdb-resource-adapter>\n        <resource-adapter-mid>").append(TernAdapter.NAME)
                    .append("</resource-adapter-mid>\n      </mdb-resource-adapter>\n    </ejb>\n");
        }
        return xml.append("  </enterprise-beans>\n</glassfish-ejb-jar>\n").toString();
    }

    /** The jars of the plain Tern client, copied by the build to the directory in {@code tern.clientLib}. */
    static File[] clientLibraries() {
        Path dir = Path.of(System.getProperty("tern.clientLib", "target/client-lib"));
        try (Stream<Path> jars = Files.list(dir)) {
            File[] files = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toArray(File[]::new);
            if (files.length == 0) {
                throw new IllegalStateException("No client jars in " + dir.toAbsolutePath() + "; run the build's process-test-resources");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
