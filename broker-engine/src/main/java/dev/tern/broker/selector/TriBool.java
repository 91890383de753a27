package dev.tern.broker.selector;

/** A truth value of SQL three-valued logic, with the AND, OR and NOT tables of the Jakarta Messaging spec. */
enum TriBool {
    TRUE, FALSE, UNKNOWN;

    static TriBool of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** TRUE or FALSE for a Boolean, UNKNOWN for null or any value that is not a Boolean. */
    static TriBool ofValue(Object value) {
        if (value instanceof Boolean b) {
            return of(b);
        }
        return UNKNOWN;
    }

    /** FALSE wins, then UNKNOWN. */
    TriBool and(TriBool other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    /** TRUE wins, then UNKNOWN. */
    TriBool or(TriBool other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    /** Swaps TRUE and FALSE; UNKNOWN stays UNKNOWN. */
    TriBool not() {
        switch (this) {
            case TRUE:
                return FALSE;
            case FALSE:
                return TRUE;
            default:
                return UNKNOWN;
        }
    }

    /** The value as a Boolean, with null standing for UNKNOWN. */
    Boolean toBoolean() {
        switch (this) {
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
