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

    @ParameterizedTest(name = "[{0}] compares a {1} with a {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "TRUE = 0"                  | boolean | number  | 6
            "FALSE = 0"                 | boolean | number  | 7
            "0 <> TRUE"                 | number  | boolean | 3
            "TRUE <> 'x'"               | boolean | string  | 6
            "'a' = 1"                   | string  | number  | 5
            "1 + 2 = 'x'"               | number  | string  | 7
            "-a = 'x'"                  | number  | string  | 4
            "(a > 1) = 5"               | boolean | number  | 9
            "'x' <> (a IS NULL)"        | string  | boolean | 5
            "(a IN ('x')) = 1"          | boolean | number  | 14
            "(a LIKE 'x%') <> 'x'"      | boolean | string  | 15
            "(a BETWEEN 1 AND 2) = 0.5" | boolean | number  | 21
            "1.5 <> FALSE"              | number  | boolean | 5
            """)
    void refusesEqualityBetweenTypesKnownToDiffer(String selector, String left, String right, int column) {
        SelectorSyntaxException error = catchThrowableOfType(SelectorSyntaxException.class, () -> Selector.parse(selector));

        assertThat(error).as(selector).isNotNull();
        assertThat(error.column()).isEqualTo(column);
        assertThat(error.getMessage()).contains("found a " + left + " and a " + right);
    }

    @ParameterizedTest(name = "[{0}] is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "5"                         | selector is a number
            "'x'"                       | selector is a string
            "a + 1"                     | selector is arithmetic
            "NOT 7"                     | NOT of a number
            "NOT 'x'"                   | NOT of a string
            "NOT (a + 1)"               | NOT of arithmetic
            "'x' AND TRUE"              | AND of a string
            "a AND 1"                   | AND of a number
            "1 OR a"                    | OR of a number
            "a OR a * 2"                | OR of arithmetic
            "- 'x' = 1"                 | sign of a string
            "-TRUE = 1"                 | sign of a boolean
            "+(a > 1) = 1"              | sign of a condition
            "'x' + 1 = 2"               | arithmetic on a string
            "a * TRUE = 2"              | arithmetic on a boolean
            "(a = 1) - 1 = 0"           | arithmetic on a condition
            "a / 'x' = 1"               | arithmetic on a string
            "'x' < 'y'"                 | ordering of strings
            "a >= TRUE"                 | ordering of a boolean
            "(a = 1) > 0"               | ordering of a condition
            "TRUE = 0"                  | boolean = number
            "'a' <> 1"                  | string <> number
            "(a > 1) = 'x'"             | condition = string
            "'x' BETWEEN 1 AND 2"       | BETWEEN of a string
            "TRUE NOT BETWEEN 1 AND 2"  | BETWEEN of a boolean
            "a BETWEEN 'x' AND 2"       | BETWEEN bound that is a string
            "a BETWEEN 1 AND FALSE"     | BETWEEN bound that is a boolean
            "a BETWEEN (b > 1) AND 2"   | BETWEEN bound that is a condition
            "5 LIKE 'x'"                | LIKE of a number
            "a + 1 NOT LIKE 'x'"        | LIKE of arithmetic
            "(a = 1) LIKE 'x'"          | LIKE of a condition
            "a LIKE 5"                  | LIKE pattern that is a number
            "a LIKE 'x' ESCAPE 5"       | ESCAPE that is a number
            "5 IN ('x')"                | IN of a number
            "TRUE NOT IN ('x')"         | IN of a boolean
            "x IN (1, 2)"               | IN list of numbers
            "x IN ('a', TRUE)"          | IN list with a boolean
            """)
    void refusesEveryTypeErrorVisibleFromLiteralsAlone(String selector, String problem) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .as(problem)
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessageContaining("expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a = TRUE",
        "TRUE = a",
        "a = 1",
        "a = 'x'",
        "a = (b > 1)",
        "a + 1 <> b",
        "-a = b",
        "TRUE = FALSE",
        "(a > 1) = (b < 2)",
        "(a IS NULL) <> (b LIKE 'x')",
        "1 = 1.0",
        "'a' <> 'b'",
        "-a > 1",
        "a BETWEEN b AND c",
        "1 BETWEEN a AND 2",
        "(a) LIKE 'x'",
        "'x' LIKE 'x'",
        "'x' IN ('x')",
        "5 IS NULL",
        "'x' IS NOT NULL",
        "TRUE IS NULL",
        "(a = 1) IS NOT NULL",
        "NOT a",
        "a AND b OR c",
        "TRUE",
    })
    void acceptsWhatOnlyAMessageCanDecide(String selector) throws SelectorSyntaxException {
        assertThat(Selector.parse(selector).text()).isEqualTo(selector);
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
