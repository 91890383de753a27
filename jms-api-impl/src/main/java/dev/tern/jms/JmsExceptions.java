package dev.tern.jms;

import dev.tern.jms.provider.LinkLostException;
import dev.tern.jms.provider.ProviderException;
import dev.tern.protocol.ErrorCode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place where broker error codes become JMS exceptions, where checked JMS exceptions become
 * the runtime ones of the simplified API, and where an asynchronous request becomes a blocking call.
 */
public final class JmsExceptions {

    /** The error code of the JMSException for a commit whose outcome is unknown. */
    public static final String COMMIT_OUTCOME_UNKNOWN = "COMMIT_OUTCOME_UNKNOWN";

    private JmsExceptions() {
    }

    /** The JMS exception for a broker error code. */
    public static JMSException fromCode(ErrorCode code, String message) {
        String errorCode = code.name();
        return switch (code) {
            case ILLEGAL_STATE -> new IllegalStateException(message, errorCode);
            case INVALID_DESTINATION -> new InvalidDestinationException(message, errorCode);
            case INVALID_CLIENT_ID -> new InvalidClientIDException(message, errorCode);
            case INVALID_SELECTOR -> new InvalidSelectorException(message, errorCode);
            case SECURITY -> new JMSSecurityException(message, errorCode);
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(message, errorCode);
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(message, errorCode);
            case INVALID_ARGUMENT, INTERNAL -> new JMSException(message, errorCode);
        };
    }

    /** The JMS exception for a provider failure. */
    public static JMSException from(ProviderException failure) {
        JMSException exception = fromCode(failure.code(), failure.getMessage());
        exception.initCause(failure);
        return exception;
    }

    /**
     * What a commit that failed throws. If the connection was lost after the commit may have left, its
     * outcome is unknown: a plain JMSException that says so. If the connection was lost before it left,
     * the broker rolled the transaction back when it lost the connection: a TransactionRolledBackException.
     * Any other failure is thrown as it is.
     */
    public static JMSException ofCommit(JMSException failure) {
        if (!(failure.getCause() instanceof LinkLostException lost)) {
            return failure;
        }
        if (!lost.mayHaveReachedBroker()) {
            return rolledBackByLoss(lost);
        }
        return withCause(new JMSException("The outcome of the commit is unknown: the connection to the broker was "
                + "lost before the broker answered (" + lost.getMessage() + "). The transaction may or may not "
                + "have been committed; check before repeating its work.", COMMIT_OUTCOME_UNKNOWN), lost);
    }

    /**
     * The exception for the commit of a transaction whose connection was lost before the commit was
     * sent: a broker rolls back the transactions of a connection it loses.
     *
     * @param cause the loss
     */
    public static TransactionRolledBackException rolledBackByLoss(Exception cause) {
        return withCause(new TransactionRolledBackException("The transaction was rolled back: the connection to the "
                + "broker was lost before the commit was sent (" + cause.getMessage() + "), and a broker rolls back "
                + "the transactions of a connection it loses.", ErrorCode.TRANSACTION_ROLLED_BACK.name()), cause);
    }

    /**
     * Waits for a broker's answer.
     *
     * @return the answering event
     * @throws JMSException of the type the broker's error code maps to, or if no answer comes in time
     */
    public static <T> T await(CompletableFuture<T> answer, long timeoutMillis, String what) throws JMSException {
        try {
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException failure) {
                throw from(failure);
            }
            throw withCause(new JMSException(what + " failed: " + e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new JMSException(what + " got no answer from the broker within " + timeoutMillis + " ms.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException(what + " was interrupted.");
        }
    }

    /** The runtime exception of the simplified API that corresponds to a checked one. */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException runtime;
        if (e instanceof IllegalStateException) {
            runtime = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            runtime = new InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            runtime = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            runtime = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            runtime = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            runtime = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            runtime = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            runtime = new ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            runtime = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            runtime = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            runtime = new JMSRuntimeException(message, code, e);
        }
        return runtime;
    }

    /** Attaches a cause and returns the exception, for one-line throws. */
    public static <E extends JMSException> E withCause(E exception, Throwable cause) {
        if (cause instanceof Exception linked) {
            exception.setLinkedException(linked);
        }
        exception.initCause(cause);
        return exception;
    }

    /** A JMS call that may throw the checked exception. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** A JMS action without a result that may throw the checked exception. */
    @FunctionalInterface
    public interface JmsAction {
        void run() throws JMSException;
    }

    /** Runs a call of the classic API for the simplified API, converting its exception. */
    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** Runs an action of the classic API for the simplified API, converting its exception. */
    public static void uncheckedRun(JmsAction action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }
}
