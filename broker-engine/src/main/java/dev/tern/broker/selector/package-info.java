/**
 * Tern's Jakarta Messaging message selector engine: {@link dev.tern.broker.selector.Selector#parse} turns
 * the text into an immutable tree (hand-written lexer and recursive-descent parser) and
 * {@link dev.tern.broker.selector.Selector#matches} evaluates it with SQL three-valued logic.
 *
 * <h2>Decisions where the spec leaves room</h2>
 * <ul>
 *   <li><b>Identifiers.</b> Only {@code JMSDeliveryMode} ({@code 'PERSISTENT'}/{@code 'NON_PERSISTENT'}),
 *       {@code JMSPriority}, {@code JMSMessageID}, {@code JMSTimestamp}, {@code JMSCorrelationID} and
 *       {@code JMSType} read headers, as the spec restricts header references to these. Every other name,
 *       including {@code JMSDestination}, {@code JMSReplyTo}, {@code JMSExpiration},
 *       {@code JMSDeliveryTime}, {@code JMSRedelivered} and {@code JMSXDeliveryCount} (a per-delivery fact
 *       the record does not carry), is looked up in the properties and so is normally NULL. A disabled
 *       timestamp is 0, not NULL. Identifiers are case-sensitive; keywords are not.</li>
 *   <li><b>Literals.</b> Exact numbers use Java integer literal syntax: decimal, hex ({@code 0x1F}), octal
 *       (leading {@code 0}), optional {@code L}; all are {@code long}, and a sign directly before a
 *       literal is part of it. Approximate numbers use Java decimal floating-point syntax ({@code 7.},
 *       {@code .5}, {@code -57.9E2}, optional {@code F}/{@code D}; {@code F} rounds to float precision).
 *       Underscores in numbers and hex floating-point are not supported. {@code NULL} is only allowed in
 *       {@code IS [NOT] NULL}; {@code x = NULL} is a syntax error rather than a selector that never
 *       matches.</li>
 *   <li><b>Arithmetic.</b> Integral values stay {@code long} (Java overflow wrapping, truncating
 *       division) unless an operand is approximate, then {@code double}; float properties are widened
 *       to double. Arithmetic with NULL, with a string or boolean value, or division by zero (exact or
 *       approximate) yields NULL, hence UNKNOWN.</li>
 *   <li><b>Comparisons.</b> NULL on either side gives UNKNOWN. Numbers compare after promotion. Two strings
 *       or two booleans support only {@code =} and {@code <>}. Following the spec's text, comparing
 *       unlike types at run time (for example a string property with a number) is FALSE, not UNKNOWN, so
 *       {@code NOT (stringProp = 5)} matches; the same FALSE results from {@code <} between two string or
 *       boolean values at run time. Unlike types the parser can already see are refused instead (see
 *       Conditions).</li>
 *   <li><b>BETWEEN, IN, LIKE.</b> {@code BETWEEN} is evaluated exactly as the spec's equivalences
 *       {@code v >= lo AND v <= hi} and, for {@code NOT BETWEEN}, {@code v < lo OR v > hi}. {@code IN} and
 *       {@code LIKE} with a NULL value or a value that is not a string (a number or boolean property) are
 *       UNKNOWN, and so are their {@code NOT} forms, as in SQL: neither {@code intProp IN ('a')} nor
 *       {@code intProp NOT IN ('a')} matches. {@code IN} takes one or more string literals. An
 *       {@code ESCAPE} must be one character and may only precede {@code _}, {@code %} or itself in the
 *       pattern. The left side of {@code IN} and {@code LIKE} may be a string literal as well as an
 *       identifier, and that of {@code IS NULL} any expression.</li>
 *   <li><b>Conditions.</b> A selector must be a condition. An identifier used as a condition is TRUE or
 *       FALSE if it holds a boolean and UNKNOWN otherwise (also when it holds a number or string). What
 *       the parser can know without a message is checked at parse time, and a type error there is a
 *       syntax error: a selector or {@code AND}/{@code OR}/{@code NOT} operand that is a number, string
 *       or arithmetic expression; a sign, arithmetic, {@code BETWEEN} (value or bound) or
 *       {@code < <= > >=} operand that is a string, boolean literal or condition; an {@code IN}/
 *       {@code LIKE} operand that is a number, arithmetic expression, boolean literal or condition; and
 *       {@code =} or {@code <>} between two operands of known, different types (a boolean literal or
 *       condition, a number literal or arithmetic expression, a string literal), such as {@code TRUE = 0}
 *       or {@code 1 + 2 = 'x'}. An identifier may hold any type, so {@code a = TRUE}, {@code a = 1} and
 *       {@code a = 'x'} are accepted and decided per message. {@code IS NULL} accepts any operand.
 *       Comparisons do not chain: {@code a = b = c} is an error; write {@code (a = b) = c}.</li>
 *   <li><b>Errors.</b> {@link dev.tern.broker.selector.SelectorSyntaxException} gives the 1-based column
 *       (character offset in the whole text, newlines included) and what was expected and found.</li>
 * </ul>
 */
package dev.tern.broker.selector;
