package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureAlgorithmTest {
    private static final String ACCEPTED = "ml-dsa-65, ml-dsa-87, ed25519, ecdsa-p384, rsa-3072, rsa-4096";

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void fromId_ownId_returnsSameAlgorithm(SignatureAlgorithm alg) throws Exception {
        assertThat(SignatureAlgorithm.fromId(alg.id())).isSameAs(alg);
    }

    @Test
    void acceptedIds_listsAllInOrder() {
        assertThat(SignatureAlgorithm.acceptedIds()).isEqualTo(ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-2048", "ecdsa-p256", "ml-dsa-44", "rsa-1024"})
    void fromId_weakAlgorithm_refusedAsTooWeak(String id) {
        assertThatThrownBy(() -> SignatureAlgorithm.fromId(id))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("signature algorithm '" + id + "' is refused as too weak; accepted: " + ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ML-DSA-65", "ed448", "hmac-sha256"})
    void fromId_unknownId_refusedListingAccepted(String id) {
        assertThatThrownBy(() -> SignatureAlgorithm.fromId(id))
                .isInstanceOf(KeepCryptoException.class)
                .hasMessage("unknown signature algorithm '" + id + "'; accepted: " + ACCEPTED);
    }

    @Test
    void signatureParameters_rsa_isPssSha256Salt32() {
        var pss = (java.security.spec.PSSParameterSpec) SignatureAlgorithm.RSA_3072.signatureParameters();

        assertThat(pss.getDigestAlgorithm()).isEqualTo("SHA-256");
        assertThat(pss.getMGFAlgorithm()).isEqualTo("MGF1");
        assertThat(((java.security.spec.MGF1ParameterSpec) pss.getMGFParameters()).getDigestAlgorithm()).isEqualTo("SHA-256");
        assertThat(pss.getSaltLength()).isEqualTo(32);
        assertThat(SignatureAlgorithm.ED25519.signatureParameters()).isNull();
    }
}
