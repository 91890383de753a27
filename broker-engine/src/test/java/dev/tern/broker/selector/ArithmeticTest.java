package dev.tern.broker.selector;

import static dev.tern.broker.selector.Messages.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.protocol.MessageRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Precedence, left associativity, numeric promotion and the NULL and error cases of arithmetic. */
class ArithmeticTest {

    private static final MessageRecord MESSAGE = Messages.withProperties(
            "two", 2, "five", 5L, "three", (byte) 3, "four", (short) 4, "half", 0.5,
            "onePointFive", 1.5f, "onePointOne", 1.1f, "seven", "7", "flag", true);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10 - 5 - 3 = 2          | TRUE
            10 - (5 - 3) = 8        | TRUE
            24 / 4 / 2 = 3          | TRUE
            24 / (4 / 2) = 12       | TRUE
            100 / 10 * 2 = 20       | TRUE
            2 * 3 / 4 = 1           | TRUE
            10 - 2 + 3 = 11         | TRUE
            2 + 3 * 4 = 14          | TRUE
            (2 + 3) * 4 = 20        | TRUE
            2 * 3 + 4 = 10          | TRUE
            -2 * -3 = 6             | TRUE
            - two * 3 = -6          | TRUE
            -(2 + 3) = -5           | TRUE
            + five = 5              | TRUE
            10 - -3 = 13            | TRUE
            - - 4 = 4               | TRUE
            1 + 2 > 2 + 0           | TRUE
            """)
    void operatorsHavePrecedenceAndAssociateToTheLeft(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            two = 2.0               | TRUE
            two = 2                 | TRUE
            five / 2 = 2            | TRUE
            five / 2 = 2.5          | FALSE
            five / 2.0 = 2.5        | TRUE
            5 / 2.0 = 2.5           | TRUE
            7 / -2 = -3             | TRUE
            three + four = 7        | TRUE
            three * four / two = 6  | TRUE
            half + half = 1         | TRUE
            half * 4 = two          | TRUE
            onePointFive * 2 = 3    | TRUE
            onePointFive = 1.5      | TRUE
            onePointOne = 1.1F      | TRUE
            onePointOne = 1.1       | FALSE
            9223372036854775807 + 1 = -9223372036854775808 | TRUE
            """)
    void integralArithmeticStaysIntegralUntilAnApproximateOperandJoins(String selector, TriBool expected)
            throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            five / 0 = 1            | UNKNOWN
            five / 0 <> 1           | UNKNOWN
            five / 0.0 = 1          | UNKNOWN
            five / (two - 2) = 1    | UNKNOWN
            NOT (five / 0 = 1)      | UNKNOWN
            five / 0 IS NULL        | TRUE
            absent + 1 = 1          | UNKNOWN
            absent * 0 = 0          | UNKNOWN
            -absent = 0             | UNKNOWN
            seven + 1 = 8           | UNKNOWN
            -seven = -7             | UNKNOWN
            flag + 1 = 2            | UNKNOWN
            (seven + 1 = 8) OR TRUE | TRUE
            """)
    void nullsNonNumbersAndDivisionByZeroMakeArithmeticUnknown(String selector, TriBool expected)
            throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            57 = 57                         | TRUE
            -957 < 0                        | TRUE
            +62 = 62                        | TRUE
            10L = 10                        | TRUE
            0x1F = 31                       | TRUE
            0XffL = 255                     | TRUE
            017 = 15                        | TRUE
            0 = 0                           | TRUE
            -9223372036854775808 < 0        | TRUE
            7E3 = 7000                      | TRUE
            -57.9E2 = -5790                 | TRUE
            7. = 7                          | TRUE
            .5 = 0.5                        | TRUE
            -95.7 < -95                     | TRUE
            +6.2 > 6                        | TRUE
            1.5F = 1.5                      | TRUE
            2.5D = 2.5                      | TRUE
            1e-3 = 0.001                    | TRUE
            2E+2 = 200                      | TRUE
            """)
    void numberLiteralsFollowJavaSyntax(String selector, TriBool expected) throws Exception {
        assertThat(evaluate(selector, MESSAGE)).isEqualTo(expected);
    }
}
