package dev.tern.amqp;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.SaslListener;
import org.apache.qpid.proton.engine.Transport;

/**
 * The server side of SASL: offers PLAIN and ANONYMOUS, reads the client's choice and credentials, and
 * leaves the decision to the broker (which opens the connection with them); the outcome follows its answer.
 */
final class SaslServer implements SaslListener {

    static final String PLAIN = "PLAIN";
    static final String ANONYMOUS = "ANONYMOUS";

    /** Decides on credentials (user null for ANONYMOUS) and calls back with the outcome, maybe later. */
    @FunctionalInterface
    interface Authentication {
        void authenticate(String mechanism, String user, String password, Consumer<Sasl.SaslOutcome> outcome);
    }

    private final Authentication authentication;
    private final Runnable refused;

    SaslServer(Authentication authentication, Runnable refused) {
        this.authentication = authentication;
        this.refused = refused;
    }

    /** Makes {@code transport} a SASL server offering PLAIN and ANONYMOUS, also to clients that skip SASL. */
    void install(Transport transport) {
        Sasl sasl = transport.sasl();
        sasl.server();
        sasl.allowSkip(true);
        sasl.setMechanisms(PLAIN, ANONYMOUS);
        sasl.setListener(this);
    }

    @Override
    public void onSaslInit(Sasl sasl, Transport transport) {
        String[] mechanisms = sasl.getRemoteMechanisms();
        String mechanism = mechanisms == null || mechanisms.length == 0 ? "" : mechanisms[0];
        byte[] response = new byte[Math.max(0, sasl.pending())];
        if (response.length > 0) {
            sasl.recv(response, 0, response.length);
        }
        if (PLAIN.equals(mechanism)) {
            // authorization identity, NUL, user, NUL, password
            String[] parts = new String(response, StandardCharsets.UTF_8).split("\0", -1);
            if (parts.length != 3) {
                finish(sasl, Sasl.SaslOutcome.PN_SASL_AUTH);
                return;
            }
            authentication.authenticate(mechanism, parts[1], parts[2], outcome -> finish(sasl, outcome));
        } else if (ANONYMOUS.equals(mechanism)) {
            authentication.authenticate(mechanism, null, null, outcome -> finish(sasl, outcome));
        } else {
            finish(sasl, Sasl.SaslOutcome.PN_SASL_AUTH);
        }
    }

    private void finish(Sasl sasl, Sasl.SaslOutcome outcome) {
        sasl.done(outcome);
        if (outcome != Sasl.SaslOutcome.PN_SASL_OK) {
            refused.run();
        }
    }

    @Override
    public void onSaslMechanisms(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslChallenge(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslResponse(Sasl sasl, Transport transport) {
    }

    @Override
    public void onSaslOutcome(Sasl sasl, Transport transport) {
    }
}
