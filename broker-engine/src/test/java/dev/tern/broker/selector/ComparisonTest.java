package dev.tern.broker.selector;

import static dev.tern.broker.selector.Messages.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.MessageRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Comparisons between numbers, strings and booleans, of unlike types, and with NULL. */
class ComparisonTest {

    private static final MessageRecord MESSAGE = Messages.withProperties(
            "two", 2, "half", 0.5, "name", "Joe", "other", "Zed", "quoted", "it's",
            "NumberOfOrders", "2", "flag", true, "off", false, "Color", "red");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            two > 1         | TRUE
            two >= 2        | TRUE
            two < 2         | FALSE
            two <= 2.5      | TRUE
            two <> 3        | TRUE
            two = 3         | FALSE
            half < two      | TRUE
            half > 0.25     | TRUE
            """)
    void numbersCompareAfterPromotion(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            name = 'Joe'            | TRUE
            name <> 'Joe'           | FALSE
            name = 'joe'            | FALSE
            name <> other           | TRUE
            quoted = 'it''s'        | TRUE
            'abc' = 'abc'           | TRUE
            name < other            | FALSE
            name > other            | FALSE
            name >= name            | FALSE
            flag = TRUE             | TRUE
            flag <> FALSE           | TRUE
            off = FALSE             | TRUE
            flag = off              | FALSE
            flag = (two = 2)        | TRUE
            (two = 2) = (two > 1)   | TRUE
            flag > off              | FALSE
            flag <= flag            | FALSE
            """)
    void stringsAndBooleansSupportOnlyEqualsAndNotEquals(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            NumberOfOrders > 1      | FALSE
            NumberOfOrders = 2      | FALSE
            NumberOfOrders = '2'    | TRUE
            name = 7                | FALSE
            name <> 7               | FALSE
            NOT (name = 7)          | TRUE
            two = '2'               | FALSE
            flag = 1                | FALSE
            flag = 'true'           | FALSE
            name = TRUE             | FALSE
            NOT (two = FALSE)       | TRUE
            """)
    void comparingUnlikeTypesIsFalse(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            absent = 1              | UNKNOWN
            absent <> 1             | UNKNOWN
            absent > 1              | UNKNOWN
            absent = 'x'            | UNKNOWN
            absent = absent         | UNKNOWN
            1 = absent              | UNKNOWN
            name = absent           | UNKNOWN
            flag = absent           | UNKNOWN
            flag = (absent = 1)     | UNKNOWN
            NOT (absent = 2)        | UNKNOWN
            """)
    void comparingWithNullIsUnknown(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Color = 'red'           | TRUE
            color = 'red'           | UNKNOWN
            COLOR IS NULL           | TRUE
            Color = 'RED'           | FALSE
            """)
    void identifiersAndStringValuesAreCaseSensitive(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }
}
