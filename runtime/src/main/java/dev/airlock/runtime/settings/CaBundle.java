package dev.airlock.runtime.settings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The company's extra CA certificates ({@code tls.extraCaCertificates}): a PEM bundle such as a
 * network that inspects TLS requires. Checked when it is used, not when the setting is read,
 * because IT may install the file after the policy.
 *
 * @param certificates at least one
 */
public record CaBundle(Path path, List<X509Certificate> certificates) {

    private static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+?-----END CERTIFICATE-----");

    public CaBundle {
        certificates = List.copyOf(certificates);
    }

    /**
     * Reads the bundle: every {@code -----BEGIN CERTIFICATE-----} block in it, with any text around
     * them (such as the comments in a system bundle) ignored.
     *
     * @throws CaBundleException saying in plain words what is wrong with the file
     */
    public static CaBundle load(Path path) throws CaBundleException {
        String setting = SettingKey.EXTRA_CA_CERTIFICATES.name();
        if (!Files.isRegularFile(path)) {
            throw new CaBundleException("The company certificate file " + path + " (set by " + setting
                    + ") does not exist. Ask your IT team to install it.");
        }
        String text;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CaBundleException("The company certificate file " + path + " (set by " + setting
                        + ") is larger than 10 MB, so it is not a certificate bundle. Ask your IT team to check it.");
            }
            text = new String(bytes, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CaBundleException(
                    "The company certificate file " + path + " (set by " + setting + ") cannot be read: "
                            + e.getMessage(),
                    e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_CERTIFICATE.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(block.group().getBytes(StandardCharsets.US_ASCII))));
            }
        } catch (CertificateException e) {
            throw new CaBundleException(
                    "The company certificate file " + path + " (set by " + setting
                            + ") holds a certificate that cannot be read. Ask your IT team to check it.",
                    e);
        }
        if (certificates.isEmpty()) {
            throw new CaBundleException("The company certificate file " + path + " (set by " + setting
                    + ") is not a PEM certificate bundle: it has no -----BEGIN CERTIFICATE----- block."
                    + " Ask your IT team to check it.");
        }
        return new CaBundle(path, certificates);
    }
}
