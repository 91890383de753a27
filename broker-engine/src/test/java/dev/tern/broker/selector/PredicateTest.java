package dev.tern.broker.selector;

import static dev.tern.broker.selector.Messages.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.MessageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIKE, IN, BETWEEN and IS NULL. */
class PredicateTest {

    private static final MessageRecord MESSAGE = Messages.withProperties(
            "phone", "12993", "word", "lose", "underscored", "_foo", "dotted", "abc", "literalDot", "a.c",
            "regexy", "a+b*(c)$", "percent", "50%", "bang", "a!b", "empty", "", "lines", "a\nb",
            "surrogate", "x\uD83D\uDE00y", "country", "UK", "age", 17, "str", "abc", "two", 2, "flag", true);
    private static final MessageRecord NUMBERS = Messages.withProperties("myProp", 5, "ratio", 2.5, "flag", true);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            phone LIKE '12%3'               | TRUE
            phone NOT LIKE '12%3'           | FALSE
            '1234' LIKE '12%3'              | FALSE
            '1234' NOT LIKE '12%3'          | TRUE
            word LIKE 'l_se'                | TRUE
            'loose' LIKE 'l_se'             | FALSE
            word LIKE 'l_s'                 | FALSE
            word LIKE 'LOSE'                | FALSE
            dotted LIKE '%'                 | TRUE
            empty LIKE '%'                  | TRUE
            empty LIKE '_'                  | FALSE
            dotted LIKE '%%%c'              | TRUE
            dotted LIKE '%b%'               | TRUE
            dotted LIKE '%x%'               | FALSE
            dotted LIKE 'a%c%'              | TRUE
            lines LIKE 'a%b'                | TRUE
            lines LIKE 'a_b'                | TRUE
            surrogate LIKE 'x_y'            | TRUE
            """)
    void likeMatchesPercentAndUnderscore(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            dotted LIKE 'a.c'               | FALSE
            literalDot LIKE 'a.c'           | TRUE
            regexy LIKE 'a+b*(c)$'          | TRUE
            regexy LIKE 'a+b%'              | TRUE
            dotted LIKE '[a-z]bc'           | FALSE
            dotted LIKE 'a.*'               | FALSE
            dotted LIKE '^abc'              | FALSE
            """)
    void regularExpressionCharactersAreLiteral(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            percent LIKE '50!%' ESCAPE '!'      | TRUE
            percent LIKE '%!%' ESCAPE '!'       | TRUE
            word LIKE '%!%' ESCAPE '!'          | FALSE
            underscored LIKE '!_%' ESCAPE '!'   | TRUE
            word LIKE '!_%' ESCAPE '!'          | FALSE
            bang LIKE 'a!!b' ESCAPE '!'         | TRUE
            bang LIKE 'a!b'                     | TRUE
            percent LIKE '50%' ESCAPE '!'       | TRUE
            """)
    void likeEscapeMakesWildcardsLiteral(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @Test
    void likeWithTheSpecsBackslashEscapeExample() throws Exception {
        String selector = "underscored LIKE '\\_%' ESCAPE '\\'";
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(TriBool.TRUE);
        assertThat(evaluate(selector, Messages.withProperties("underscored", "bar"))).isEqualTo(TriBool.FALSE);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            absent LIKE '%'                 | UNKNOWN
            absent NOT LIKE '%'             | UNKNOWN
            two LIKE '2'                    | UNKNOWN
            two NOT LIKE '2'                | UNKNOWN
            flag LIKE 'true'                | UNKNOWN
            """)
    void likeOfNullOrOfANonStringIsUnknown(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            country IN ('UK', 'US', 'France')   | TRUE
            country IN ('Peru')                 | FALSE
            country NOT IN ('UK', 'US')         | FALSE
            country NOT IN ('Peru')             | TRUE
            country IN ('uk')                   | FALSE
            country IN (' UK')                  | FALSE
            country IN ('UK', 'UK')             | TRUE
            absent IN ('UK')                    | UNKNOWN
            absent NOT IN ('UK')                | UNKNOWN
            two IN ('2')                        | UNKNOWN
            two NOT IN ('2')                    | UNKNOWN
            """)
    void inMatchesAnyListedString(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            myProp IN ('foo', 'jms', 'test')        | UNKNOWN
            myProp NOT IN ('foo', 'jms', 'test')    | UNKNOWN
            NOT (myProp IN ('foo', 'jms', 'test'))  | UNKNOWN
            NOT (myProp NOT IN ('5'))               | UNKNOWN
            myProp LIKE '%'                         | UNKNOWN
            myProp NOT LIKE 'x%'                    | UNKNOWN
            NOT (myProp LIKE 'x%')                  | UNKNOWN
            NOT (myProp NOT LIKE '5')               | UNKNOWN
            ratio IN ('2.5')                        | UNKNOWN
            ratio NOT LIKE 'x%'                     | UNKNOWN
            flag NOT IN ('true')                    | UNKNOWN
            flag NOT LIKE '%'                       | UNKNOWN
            myProp NOT IN ('foo') OR TRUE           | TRUE
            myProp NOT IN ('foo') AND FALSE         | FALSE
            myProp NOT LIKE 'x%' OR flag            | TRUE
            """)
    void inAndLikeOfANonStringAreUnknownAndSoAreTheirNegations(String selector, TriBool expected)
            throws Exception {
        assertThat(evaluate(selector, NUMBERS)).isEqualTo(expected);
    }

    @Test
    void notInAndNotLikeDoNotSelectAMessageWhosePropertyIsAnInt() throws Exception {
        assertThat(Selector.parse("myProp NOT IN ('foo', 'jms', 'test')").matches(NUMBERS)).isFalse();
        assertThat(Selector.parse("myProp NOT LIKE 'x%'").matches(NUMBERS)).isFalse();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            age BETWEEN 15 AND 19               | TRUE
            age BETWEEN 17 AND 17               | TRUE
            age BETWEEN 18 AND 19               | FALSE
            age BETWEEN 19 AND 15               | FALSE
            age NOT BETWEEN 15 AND 19           | FALSE
            age NOT BETWEEN 18 AND 19           | TRUE
            age BETWEEN 16.5 AND 17.5           | TRUE
            age + 1 BETWEEN 2 * 9 AND 20 - 2    | TRUE
            age BETWEEN 15 AND 19 AND flag      | TRUE
            absent BETWEEN 1 AND 5              | UNKNOWN
            absent NOT BETWEEN 1 AND 5          | UNKNOWN
            age BETWEEN absent AND 10           | FALSE
            age BETWEEN absent AND 20           | UNKNOWN
            age NOT BETWEEN absent AND 10       | TRUE
            age NOT BETWEEN absent AND 20       | UNKNOWN
            str BETWEEN 1 AND 5                 | FALSE
            str NOT BETWEEN 1 AND 5             | FALSE
            """)
    void betweenIsTheSpecsPairOfComparisons(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            absent IS NULL              | TRUE
            absent IS NOT NULL          | FALSE
            age IS NULL                 | FALSE
            age IS NOT NULL             | TRUE
            empty IS NULL               | FALSE
            flag IS NOT NULL            | TRUE
            absent + 1 IS NULL          | TRUE
            NOT absent IS NULL          | FALSE
            (absent = 1) IS NULL        | TRUE
            """)
    void isNullTestsForAMissingValue(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }
}
