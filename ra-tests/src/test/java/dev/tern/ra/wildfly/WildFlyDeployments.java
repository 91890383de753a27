package dev.tern.ra.wildfly;

import dev.tern.ra.glassfish.Inbox;
import dev.tern.ra.glassfish.TestBroker;
import jakarta.ejb.MessageDriven;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the web applications the WildFly tests deploy. The adapter itself is deployed at boot, as
 * {@value #ADAPTER}, from the server's deployments directory (see the profile wildfly in the POM).
 */
final class WildFlyDeployments {

    /** The adapter's deployment name in WildFly: the file name, suffix included. */
    static final String ADAPTER = "tern-ra.rar";

    /** The adapter's deactivationTimeoutMillis, as src/test/wildfly/tern-ra.rar/META-INF/ironjacamar.xml sets it. */
    static final long DEACTIVATION_TIMEOUT_MILLIS = 3_000;

    private WildFlyDeployments() {
    }

    /**
     * A web application named {@code name.war} with these classes, the {@link DriverServlet} and the
     * {@link WildFlySender} EJB. Its manifest makes the adapter's classes visible ({@code Dependencies: deployment.tern-ra.rar});
     * its message-driven beans are bound to the adapter in {@code WEB-INF/jboss-ejb3.xml}. Starts the test
     * broker first, so that the beans find it when they are activated.
     */
    static WebArchive webApp(String name, Class<?>... classes) {
        return webApp(name, List.of(), classes);
    }

    /** As {@link #webApp(String, Class[])}, with these server modules too in the manifest's Dependencies. */
    static WebArchive webApp(String name, List<String> modules, Class<?>... classes) {
        TestBroker.broker();
        String dependencies = Stream.concat(Stream.of("deployment." + ADAPTER), modules.stream()).collect(Collectors.joining(", "));
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClasses(DriverServlet.class, WildFlySender.class, Inbox.class, Inbox.Delivery.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: " + dependencies + "\n"));
        String[] mdbs = Stream.of(classes).filter(c -> c.isAnnotationPresent(MessageDriven.class))
                .map(Class::getSimpleName).toArray(String[]::new);
        if (mdbs.length > 0) {
            war.addAsWebInfResource(new StringAsset(jbossEjb3(mdbs)), "jboss-ejb3.xml");
        }
        return war;
    }

    /**
     * The URL of the web application {@code name} in the server, for applications that the test deploys
     * itself (Arquillian injects no URL for those).
     */
    static URL url(String name) {
        try {
            return new URL("http://127.0.0.1:" + Integer.getInteger("tern.wf.httpPort", 8080) + "/" + name + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A {@code jboss-ejb3.xml} that binds these message-driven beans, by EJB name, to Tern's adapter. */
    static String jbossEjb3(String... mdbNames) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<jboss:ejb-jar xmlns:jboss=\"http://www.jboss.com/xml/ns/javaee\"\n")
                .append("               xmlns=\"http://java.sun.com/xml/ns/javaee\"\n")
                .append("               xmlns:mdb=\"urn:resource-adapter-binding\"\n")
                .append("               version=\"3.1\" impl-version=\"2.0\">\n")
                .append("  <assembly-descriptor>\n");
        for (String mdb : mdbNames) {
            xml.append("    <mdb:resource-adapter-binding>\n      <ejb-name>").append(mdb).append("</ejb-name>\n")
                    .append("      <mdb:resource-adapter-name>").append(ADAPTER).append("</mdb:resource-adapter-name>\n")
                    .append("    </mdb:resource-adapter-binding>\n");
        }
        return xml.append("  </assembly-descriptor>\n</jboss:ejb-jar>\n").toString();
    }
}
