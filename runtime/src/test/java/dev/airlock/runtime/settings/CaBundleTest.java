package dev.airlock.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaBundleTest {

    @TempDir
    Path dir;

    @Test
    void aPemBundleWithCommentsGivesItsCertificates() throws Exception {
        Path file = Samples.copy("company-ca.pem", dir.resolve("company-ca.pem"));

        CaBundle bundle = CaBundle.load(file);

        assertThat(bundle.path()).isEqualTo(file);
        assertThat(bundle.certificates())
                .extracting(certificate -> certificate.getSubjectX500Principal().getName())
                .containsExactly("CN=Acme Test Root CA", "CN=Acme Test Proxy CA");
    }

    @Test
    void aMissingFileIsNamedWithTheSetting() {
        Path missing = dir.resolve("nowhere.pem");

        assertThatThrownBy(() -> CaBundle.load(missing))
                .isInstanceOf(CaBundleException.class)
                .hasMessage("The company certificate file " + missing
                        + " (set by tls.extraCaCertificates) does not exist. Ask your IT team to install it.");
    }

    @Test
    void aFileThatIsNotPemIsRefused() {
        Path file = Samples.write(dir.resolve("ca.der"), "this is not a certificate");

        assertThatThrownBy(() -> CaBundle.load(file))
                .isInstanceOf(CaBundleException.class)
                .hasMessageContaining("is not a PEM certificate bundle");
    }

    @Test
    void aDamagedCertificateIsRefused() {
        Path file =
                Samples.write(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> CaBundle.load(file))
                .isInstanceOf(CaBundleException.class)
                .hasMessageContaining("holds a certificate that cannot be read");
    }

    @Test
    void aDirectoryIsNoBundle() {
        assertThatThrownBy(() -> CaBundle.load(dir)).isInstanceOf(CaBundleException.class);
    }
}
