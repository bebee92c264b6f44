package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final SecureRandom RNG = new SecureRandom();

    @Test
    void publicKey_opensslPem_reencodesByteForByte() throws Exception {
        for (String name : new String[] {"ed25519", "ecdsa-p384", "rsa-3072"}) {
            String pem = Fixtures.text(name + ".pub.pem");

            assertThat(Pem.publicKey(Pem.parsePublicKey(pem))).as(name).isEqualTo(pem);
        }
    }

    @Test
    void parsePublicKey_generatedMlDsaKey_roundTrips() throws Exception {
        PublicKey key = Signatures.generate(SignatureAlgorithm.ML_DSA_65, RNG).getPublic();

        String pem = Pem.publicKey(key);

        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
        assertThat(Pem.parsePublicKey(pem).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void parsePublicKey_explanatoryTextAndCrlf_ignored() throws Exception {
        String pem = Fixtures.text("ed25519.pub.pem");
        String decorated = "Subject: test key\r\n" + pem.replace("\n", "\r\n") + "trailing words\r\n";

        assertThat(KeyId.of(Pem.parsePublicKey(decorated))).isEqualTo(Fixtures.text("ed25519.pub.keyid").strip());
    }

    @Test
    void parsePublicKey_privateKeyBlock_namesWhatItFound() throws Exception {
        KeyPair kp = Signatures.generate(SignatureAlgorithm.ED25519, RNG);
        String privatePem;
        try (SecretBytes pem = Pem.privateKey(kp.getPrivate())) {
            privatePem = new String(pem.copyBytes(), StandardCharsets.US_ASCII);
        }

        assertThatThrownBy(() -> Pem.parsePublicKey(privatePem))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("expected a PEM block 'PUBLIC KEY' but found 'PRIVATE KEY'");
    }

    @Test
    void parsePrivateKey_ownEncoding_sameKey() throws Exception {
        KeyPair kp = Signatures.generate(SignatureAlgorithm.ECDSA_P384, RNG);

        try (SecretBytes pem = Pem.privateKey(kp.getPrivate())) {
            byte[] text = pem.copyBytes();
            PrivateKey parsed = Pem.parsePrivateKey(text);

            assertThat(new String(text, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(parsed.getEncoded()).isEqualTo(kp.getPrivate().getEncoded());
        }
    }

    @Test
    void parsePublicKey_malformedInputs_clearErrors() {
        String pem = Fixtures.text("ed25519.pub.pem");

        assertThatThrownBy(() -> Pem.parsePublicKey("nothing here")).hasMessage("no PEM block 'PUBLIC KEY' found");
        assertThatThrownBy(() -> Pem.parsePublicKey(pem.replace("-----END PUBLIC KEY-----", "")))
                .hasMessage("PEM block 'PUBLIC KEY' has no END line");
        assertThatThrownBy(() -> Pem.parsePublicKey(pem.replace("MCow", "MC*w")))
                .hasMessageStartingWith("PEM block 'PUBLIC KEY' is not valid base64");
        assertThatThrownBy(() -> Pem.parsePublicKey("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"))
                .hasMessage("PEM block 'PUBLIC KEY' is empty");
        assertThatThrownBy(() -> Pem.parsePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith("malformed SubjectPublicKeyInfo");
    }

    @Test
    void parsePublicKey_over64KiB_refusedBeforeParsing() {
        String huge = "x".repeat(Pem.MAX_INPUT) + Fixtures.text("ed25519.pub.pem");

        assertThatThrownBy(() -> Pem.parsePublicKey(huge))
                .isInstanceOf(KeepCryptoException.class).hasMessageStartingWith("PEM input too large");
    }

    @Test
    void parsePublicKey_ed448Key_refusedNamingOid() throws Exception {
        String ed448 = Pem.publicKey(KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic());

        assertThatThrownBy(() -> Pem.parsePublicKey(ed448))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("unsupported key algorithm OID 1.3.101.113 in SubjectPublicKeyInfo");
    }

    @Test
    void certificate_opensslCertificate_roundTrips() throws Exception {
        String pem = Fixtures.text("ed25519-selfsigned.cert.pem");

        X509Certificate cert = Pem.parseCertificate(pem);

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=munin keep test");
        assertThat(Pem.certificate(cert)).isEqualTo(pem);
    }

    @Test
    void encode_labelWithLowercaseOrDoubleSpace_checkedAgainstRfc7468() {
        assertThat(Pem.encode("MUNIN KEEP HYBRID PUBLIC KEY", new byte[] {1})).contains("BEGIN MUNIN KEEP HYBRID PUBLIC KEY");
        assertThatThrownBy(() -> Pem.encode("TWO  SPACES", new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pem.encode("", new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
