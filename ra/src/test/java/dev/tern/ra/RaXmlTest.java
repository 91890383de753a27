package dev.tern.ra;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** META-INF/ra.xml names classes that exist, implement what it says, and have its config properties. */
class RaXmlTest {

    private static Document raXml;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        raXml = factory.newDocumentBuilder().parse(Path.of("src/main/rar/META-INF/ra.xml").toFile());
    }

    @Test
    void itIsAConnector21DescriptorThatIsMetadataComplete() {
        Element root = raXml.getDocumentElement();
        assertThat(root.getAttribute("version")).isEqualTo("2.1");
        assertThat(root.getAttribute("metadata-complete")).isEqualTo("true");
        assertThat(root.getNamespaceURI()).isEqualTo("https://jakarta.ee/xml/ns/jakartaee");
    }

    @Test
    void everyClassExistsAndImplementsItsInterface() throws Exception {
        assertImplements("resourceadapter-class", jakarta.resource.spi.ResourceAdapter.class);
        for (Element definition : elements(raXml.getDocumentElement(), "connection-definition")) {
            Class<?> factoryInterface = Class.forName(text(definition, "connectionfactory-interface"));
            Class<?> connectionInterface = Class.forName(text(definition, "connection-interface"));
            assertThat(factoryInterface).isAssignableFrom(Class.forName(text(definition, "connectionfactory-impl-class")));
            assertThat(connectionInterface).isAssignableFrom(Class.forName(text(definition, "connection-impl-class")));
            assertThat(jakarta.resource.spi.ManagedConnectionFactory.class)
                    .isAssignableFrom(Class.forName(text(definition, "managedconnectionfactory-class")));
        }
        assertThat(elements(raXml.getDocumentElement(), "connectionfactory-interface")).extracting(Node::getTextContent)
                .containsExactly("jakarta.jms.ConnectionFactory", "jakarta.jms.QueueConnectionFactory",
                        "jakarta.jms.TopicConnectionFactory");
        assertThat(text(raXml.getDocumentElement(), "transaction-support")).isEqualTo("XATransaction");
        assertThat(text(raXml.getDocumentElement(), "messagelistener-type")).isEqualTo("jakarta.jms.MessageListener");
        assertImplements("activationspec-class", jakarta.resource.spi.ActivationSpec.class);
        for (Element adminObject : elements(raXml.getDocumentElement(), "adminobject")) {
            Class<?> type = Class.forName(text(adminObject, "adminobject-class"));
            assertThat(Class.forName(text(adminObject, "adminobject-interface"))).isAssignableFrom(type);
            assertThat(type.getConstructor()).isNotNull();
        }
    }

    @Test
    void everyConfigPropertyIsAJavaBeanPropertyOfItsType() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String owner : List.of("resourceadapter", "connection-definition", "activationspec", "adminobject")) {
            for (Element element : elements(raXml.getDocumentElement(), owner)) {
                Class<?> type = Class.forName(text(element, switch (owner) {
                    case "resourceadapter" -> "resourceadapter-class";
                    case "connection-definition" -> "managedconnectionfactory-class";
                    case "activationspec" -> "activationspec-class";
                    default -> "adminobject-class";
                }));
                for (Element property : elements(element, "config-property")) {
                    if (owner.equals("resourceadapter") && property.getParentNode() != element) {
                        continue; // a connection definition's, checked with it
                    }
                    String name = text(property, "config-property-name");
                    Class<?> propertyType = Class.forName(text(property, "config-property-type"));
                    PropertyDescriptor descriptor = property(type, name);
                    assertThat(descriptor).as(type.getSimpleName() + "." + name).isNotNull();
                    assertThat(descriptor.getWriteMethod()).as("setter of " + name).isNotNull();
                    assertThat(descriptor.getPropertyType()).as("type of " + name).isEqualTo(propertyType);
                    checked.add(type.getSimpleName() + "." + name);
                }
            }
        }
        assertThat(checked).contains("TernResourceAdapter.brokerUrl", "TernManagedConnectionFactory.transactional",
                "TernActivationSpec.maxSession", "TernActivationSpec.subscriptionDurability", "TernRaQueue.name");
    }

    private static void assertImplements(String element, Class<?> contract) throws ClassNotFoundException {
        assertThat(contract).isAssignableFrom(Class.forName(text(raXml.getDocumentElement(), element)));
    }

    private static PropertyDescriptor property(Class<?> type, String name) throws Exception {
        for (PropertyDescriptor descriptor : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
            if (descriptor.getName().equals(name)) {
                return descriptor;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        return elements(parent, name).get(0).getTextContent().strip();
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }
}
