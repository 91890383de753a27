package dev.tern.amqp;

import dev.tern.protocol.ErrorCode;
import java.util.Map;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.transaction.TransactionErrors;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;

/** The AMQP error conditions of the broker's error codes, chosen so that Qpid JMS raises the matching JMS exception. */
final class AmqpErrors {

    static final Symbol INVALID_FIELD_KEY = Symbol.valueOf("invalid-field");
    static final Symbol CONTAINER_ID = Symbol.valueOf("container-id");

    private AmqpErrors() {
    }

    static Symbol conditionOf(ErrorCode code) {
        return switch (code) {
            case SECURITY -> AmqpError.UNAUTHORIZED_ACCESS;
            case INVALID_DESTINATION -> AmqpError.NOT_FOUND;
            case RESOURCE_ALLOCATION -> AmqpError.RESOURCE_LIMIT_EXCEEDED;
            case INVALID_SELECTOR, INVALID_CLIENT_ID, INVALID_ARGUMENT -> AmqpError.INVALID_FIELD;
            case TRANSACTION_ROLLED_BACK -> TransactionErrors.TRANSACTION_ROLLBACK;
            case ILLEGAL_STATE -> AmqpError.ILLEGAL_STATE;
            case INTERNAL -> AmqpError.INTERNAL_ERROR;
        };
    }

    static ErrorCondition of(ErrorCode code, String message) {
        ErrorCondition condition = new ErrorCondition(conditionOf(code), message);
        if (code == ErrorCode.INVALID_CLIENT_ID) {
            condition.setInfo(Map.of(INVALID_FIELD_KEY, CONTAINER_ID));
        }
        return condition;
    }

    static ErrorCondition of(Symbol condition, String message) {
        return new ErrorCondition(condition, message);
    }
}
