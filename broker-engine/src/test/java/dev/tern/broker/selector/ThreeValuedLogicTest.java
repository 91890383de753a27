package dev.tern.broker.selector;

import static dev.tern.broker.selector.Messages.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.MessageRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AND, OR and NOT tables of the spec, written as tables. T, F and U are spelled two ways: as boolean
 * properties (true, false, absent) and as comparisons (true, false, with an absent property).
 */
class ThreeValuedLogicTest {

    private static final MessageRecord MESSAGE = Messages.withProperties("t", true, "f", false, "one", 1L,
            "word", "x");

    private static final Map<String, String> AS_PROPERTY = Map.of("T", "t", "F", "f", "U", "u");
    private static final Map<String, String> AS_COMPARISON =
            Map.of("T", "(one = 1)", "F", "(one = 2)", "U", "(missing = 1)");
    private static final Map<String, TriBool> TRUTH =
            Map.of("T", TriBool.TRUE, "F", TriBool.FALSE, "U", TriBool.UNKNOWN);

    @ParameterizedTest(name = "{0} AND {1} is {2}")
    @CsvSource({
        "T, T, T", "T, F, F", "T, U, U",
        "F, T, F", "F, F, F", "F, U, F",
        "U, T, U", "U, F, F", "U, U, U"})
    void andFollowsTheSpecTable(String left, String right, String result) throws Exception {
        assertBinary("AND", left, right, result);
    }

    @ParameterizedTest(name = "{0} OR {1} is {2}")
    @CsvSource({
        "T, T, T", "T, F, T", "T, U, T",
        "F, T, T", "F, F, F", "F, U, U",
        "U, T, T", "U, F, U", "U, U, U"})
    void orFollowsTheSpecTable(String left, String right, String result) throws Exception {
        assertBinary("OR", left, right, result);
    }

    @ParameterizedTest(name = "NOT {0} is {1}")
    @CsvSource({"T, F", "F, T", "U, U"})
    void notFollowsTheSpecTable(String operand, String result) throws Exception {
        assertThat(evaluate("NOT " + AS_PROPERTY.get(operand), MESSAGE)).isEqualTo(TRUTH.get(result));
        assertThat(evaluate("NOT " + AS_COMPARISON.get(operand), MESSAGE)).isEqualTo(TRUTH.get(result));
    }

    private static void assertBinary(String operator, String left, String right, String result)
            throws SelectorSyntaxException {
        TriBool expected = TRUTH.get(result);
        assertThat(evaluate(AS_PROPERTY.get(left) + " " + operator + " " + AS_PROPERTY.get(right), MESSAGE))
                .isEqualTo(expected);
        assertThat(evaluate(AS_COMPARISON.get(left) + " " + operator + " " + AS_COMPARISON.get(right), MESSAGE))
                .isEqualTo(expected);
    }

    @Test
    void notOfAnUnknownComparisonIsUnknownAndDoesNotMatch() throws Exception {
        assertThat(evaluate("NOT (absent = 2)", MESSAGE)).isEqualTo(TriBool.UNKNOWN);
        assertThat(Selector.parse("NOT (absent = 2)").matches(MESSAGE)).isFalse();
        assertThat(Selector.parse("NOT absent = 2").matches(MESSAGE)).isFalse();
    }

    @Test
    void unknownOrTrueMatchesAndUnknownAndFalseIsFalse() throws Exception {
        assertThat(Selector.parse("absent = 2 OR TRUE").matches(MESSAGE)).isTrue();
        assertThat(evaluate("absent = 2 AND FALSE", MESSAGE)).isEqualTo(TriBool.FALSE);
        assertThat(evaluate("NOT (absent = 2 AND FALSE)", MESSAGE)).isEqualTo(TriBool.TRUE);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TRUE OR FALSE AND FALSE         | TRUE
            (TRUE OR FALSE) AND FALSE       | FALSE
            NOT FALSE AND FALSE             | FALSE
            NOT (FALSE AND FALSE)           | TRUE
            NOT t = f                       | TRUE
            NOT NOT t                       | TRUE
            f OR f OR f OR t                | TRUE
            t AND t AND t AND u             | UNKNOWN
            t AND t AND f AND u             | FALSE
            u OR f OR u                     | UNKNOWN
            """)
    void logicalOperatorsBindNotThenAndThenOr(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            t           | TRUE
            f           | FALSE
            NOT f       | TRUE
            u           | UNKNOWN
            NOT u       | UNKNOWN
            one         | UNKNOWN
            NOT one     | UNKNOWN
            word        | UNKNOWN
            TRUE        | TRUE
            FALSE       | FALSE
            """)
    void anIdentifierIsAConditionOnlyWhenItHoldsABoolean(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }
}
