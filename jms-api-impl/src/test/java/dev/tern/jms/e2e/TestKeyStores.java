package dev.tern.jms.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed PKCS12 key stores made at test time with the JDK's {@code keytool}, for 127.0.0.1 and
 * localhost unless told other names. A key store also serves as a trust store for its own certificate.
 */
final class TestKeyStores {

    static final String PASSWORD = "changeit";

    private TestKeyStores() {
    }

    /** A new key store with one self-signed certificate for the loopback host names. */
    static Path selfSigned(Path dir, String name) throws IOException, InterruptedException {
        return selfSigned(dir, name, "ip:127.0.0.1,dns:localhost");
    }

    /** A new key store with one self-signed certificate for the names of a subject alternative name extension. */
    static Path selfSigned(Path dir, String name, String alternativeNames) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=" + name,
                "-ext", "SAN=" + alternativeNames, "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    /** A new trust store holding the certificates of these key stores, and no key. */
    static Path trusting(Path dir, String name, Path... keyStores) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (Path keyStore : keyStores) {
            KeyStore store = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
            String alias = store.aliases().nextElement();
            trusted.setCertificateEntry(alias, store.getCertificate(alias));
        }
        Path file = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trusted.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
