package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashTest {

    @Test
    void emptyTree_isSha256OfNothing() {
        assertThat(Hash.EMPTY_TREE.toHex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void ofLeaf_emptyEntry_matchesRfc6962TestTree() {
        assertThat(Hash.ofLeaf(new byte[0]).toHex())
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void ofNode_prefixesOneAndConcatenates() {
        Hash left = Hash.ofLeaf(new byte[0]);
        Hash right = Hash.ofLeaf(new byte[] {0});
        byte[] input = new byte[65];
        input[0] = 1;
        left.copyTo(input, 1);
        right.copyTo(input, 33);
        assertThat(Hash.ofNode(left, right)).isEqualTo(new Hash(sha256(input)));
    }

    @Test
    void constructor_wrongLength_isRejected() {
        assertThatThrownBy(() -> new Hash(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hash(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytes_mutatingTheCopy_leavesTheHashUnchanged() {
        Hash hash = Hash.ofLeaf(new byte[] {1});
        byte[] copy = hash.bytes();
        copy[0] ^= 1;
        assertThat(hash.bytes()).isNotEqualTo(copy);
    }

    @Test
    void fromBase64_nonCanonicalSpelling_isRejected() {
        String canonical = Hash.EMPTY_TREE.toBase64();
        assertThat(Hash.fromBase64(canonical)).isEqualTo(Hash.EMPTY_TREE);
        assertThatThrownBy(() -> Hash.fromBase64(canonical.replace("=", "")))
                .isInstanceOf(IllegalArgumentException.class);
        // 'V' and 'U' differ only in the two bits that 32 bytes leave unused in the last character.
        String sloppy = canonical.substring(0, 42) + "V=";
        assertThat(canonical.charAt(42)).isEqualTo('U');
        assertThatThrownBy(() -> Hash.fromBase64(sloppy)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(input);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
