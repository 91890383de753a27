package dev.tern.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyNameTest {

    @ParameterizedTest
    @NullAndEmptySource
    void nullOrEmptyNameIsRejected(String name) {
        TernMessage message = new TernMessage();

        assertThatThrownBy(() -> message.setIntProperty(name, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setObjectProperty(name, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "a-b", "a b", "a.b", "ä?", "#x"})
    void nameMustBeAJavaIdentifier(String name) {
        assertThatThrownBy(() -> new TernMessage().setStringProperty(name, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("identifier");
    }

    /** As in Artemis, Classic and the JORAM suite: a keyword is a Java identifier, only unusable in selectors. */
    @ParameterizedTest
    @ValueSource(strings = {"NULL", "true", "False", "not", "AND", "or", "Between", "LIKE", "in", "IS", "escape"})
    void selectorKeywordsAreAcceptedInAnyCase(String name) throws Exception {
        TernMessage message = new TernMessage();
        message.setBooleanProperty(name, true);

        assertThat(message.getBooleanProperty(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "héllo", "isbn", "NOTE", "JMSXGroupID", "JMS_Tern_x", "x1"})
    void validIdentifiersAreAccepted(String name) throws Exception {
        TernMessage message = new TernMessage();
        message.setIntProperty(name, 1);

        assertThat(message.getIntProperty(name)).isEqualTo(1);
    }

    @Test
    void readingWithANullNameFindsNothing() throws Exception {
        TernMessage message = new TernMessage();

        assertThat(message.propertyExists(null)).isFalse();
        assertThat(message.getStringProperty(null)).isNull();
    }
}
