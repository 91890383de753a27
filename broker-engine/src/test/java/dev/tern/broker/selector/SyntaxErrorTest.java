package dev.tern.broker.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Invalid selectors are refused with the column where parsing failed; valid oddities are accepted. */
class SyntaxErrorTest {

    @ParameterizedTest(name = "[{0}] fails at column {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "colour = "                  | 10
            "(a = 1"                     | 7
            "a = 1 AND"                  | 10
            "a == 1"                     | 4
            "a = 1 b = 2"                | 7
            "x IN ()"                    | 7
            "x BETWEEN 1"                | 12
            "x BETWEEN 1 AND"            | 16
            "x LIKE 5"                   | 8
            "a = b = c"                  | 7
            "@"                          | 1
            "a = 'never closed"          | 5
            "JMSPriority >"              | 14
            """)
    void reportsTheColumnWhereParsingFailed(String selector, int column) {
        SelectorSyntaxException error = catchThrowableOfType(SelectorSyntaxException.class, () -> Selector.parse(selector));

        assertThat(error).as(selector).isNotNull();
        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).contains("column " + column).contains(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "5",
        "'just a string'",
        "a + 1",
        "a = NULL",
        "NOT 7",
        "TRUE AND 'x'",
        "a LIKE 'x' ESCAPE 'ab'",
        "a LIKE 'x!' ESCAPE '!'",
        "'x' < 'y'",
        "x IN (1, 2)",
        "a > TRUE",
    })
    void refusesWhatCannotBeACondition(String selector) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessageContaining("column");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "flag",
        "a = 'it''s'",
        "select = 1 OR from_ = 2",
        "and_then IS NOT NULL",
        "-a > 1",
        "a NOT LIKE '50!%' ESCAPE '!'",
        "a NOT IN ('x') AND b NOT BETWEEN 1 AND 2",
        "x = 1.5e3 OR y = .5 OR z = 0x1F",
        "\ta\n=\r1",
    })
    void acceptsValidSelectors(String selector) throws SelectorSyntaxException {
        assertThat(Selector.parse(selector).text()).isEqualTo(selector);
    }
}
