package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class VerifierKeyTest {

    private static final String VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    @Test
    void parse_specExample_hasTheStatedKeyId() throws MalformedKeyException {
        VerifierKey key = VerifierKey.parse(VKEY);
        assertThat(key.name()).isEqualTo("example.com/foo");
        assertThat(key.keyIdHex()).isEqualTo("530d903a");
        assertThat(key.publicKey()).hasSize(32);
        assertThat(key.vkey()).isEqualTo(VKEY);
    }

    @Test
    void parse_keyMaterialContainingPlus_splitsOnTheFirstTwoOnly() throws MalformedKeyException {
        String vkey = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";
        assertThat(VerifierKey.parse(vkey).vkey()).isEqualTo(vkey);
    }

    @Test
    void parse_wrongKeyId_isRejected() {
        assertThatThrownBy(() -> VerifierKey.parse(VKEY.replace("530d903a", "530d903b")))
                .isInstanceOf(MalformedKeyException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> VerifierKey.parse(VKEY.replace("530d903a", "530D903A")))
                .isInstanceOf(MalformedKeyException.class);
    }

    @Test
    void parse_unknownTypeOrLength_isRejected() {
        byte[] material = new byte[33];
        material[0] = 0x02;
        String ecdsa = "k+00000000+" + Base64.getEncoder().encodeToString(material);
        assertThatThrownBy(() -> VerifierKey.parse(ecdsa)).isInstanceOf(MalformedKeyException.class)
                .hasMessageContaining("0x02");
        String shortKey = "k+00000000+" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> VerifierKey.parse(shortKey)).isInstanceOf(MalformedKeyException.class);
        assertThatThrownBy(() -> VerifierKey.parse("no-plus-at-all")).isInstanceOf(MalformedKeyException.class);
    }

    @Test
    void vkey_mlDsa65_roundTripsWithTheUnassignedTypePrefix() throws MalformedKeyException {
        VerifierKey key = VerifierKey.of("log.example/keep", SignatureType.ML_DSA_65,
                TestKeys.LOG_ML_DSA_65.getPublic());
        byte[] material = Base64.getDecoder().decode(key.vkey().split("\\+", 3)[2]);
        assertThat(material[0]).isEqualTo((byte) 0xFF);
        assertThat(new String(material, 1, 30, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("sovereign.munin.keep/ml-dsa-65");
        assertThat(material).hasSize(1 + 30 + 1952);
        assertThat(VerifierKey.parse(key.vkey())).isEqualTo(key);
        assertThat(key.toPublicKey().getEncoded()).isEqualTo(TestKeys.LOG_ML_DSA_65.getPublic().getEncoded());
    }

    @Test
    void of_keyOfAnotherAlgorithm_isRejected() {
        assertThatThrownBy(() -> VerifierKey.of("k", SignatureType.ED25519, TestKeys.LOG_ML_DSA_65.getPublic()))
                .isInstanceOf(MalformedKeyException.class);
        assertThatThrownBy(() -> VerifierKey.of("k", SignatureType.ML_DSA_65, TestKeys.LOG_ED25519.getPublic()))
                .isInstanceOf(MalformedKeyException.class);
        assertThatThrownBy(() -> VerifierKey.of("bad+name", SignatureType.ED25519, TestKeys.LOG_ED25519.getPublic()))
                .isInstanceOf(MalformedKeyException.class);
    }

    @Test
    void keyId_sameKeyDifferentType_differs() throws MalformedKeyException {
        VerifierKey plain = VerifierKey.of("w", SignatureType.ED25519, TestKeys.WITNESS_ED25519.getPublic());
        VerifierKey cosigner = VerifierKey.of("w", SignatureType.COSIGNATURE_ED25519,
                TestKeys.WITNESS_ED25519.getPublic());
        assertThat(plain.keyId()).isNotEqualTo(cosigner.keyId());
    }
}
