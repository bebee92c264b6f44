package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {

    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    private static final String SPEC_EXAMPLE = "example.com/behind-the-sofa\n20852163\n" + ROOT + "\n";

    @Test
    void parse_specExample_readsTheThreeLines() throws MalformedCheckpointException {
        Checkpoint checkpoint = Checkpoint.parse(SPEC_EXAMPLE);
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20_852_163L);
        assertThat(checkpoint.root()).isEqualTo(Hash.fromBase64(ROOT));
        assertThat(checkpoint.extensions()).isEmpty();
        assertThat(checkpoint.text()).isEqualTo(SPEC_EXAMPLE);
    }

    @Test
    void parse_extensionLines_areKeptInOrder() throws MalformedCheckpointException {
        Checkpoint checkpoint = Checkpoint.parse(SPEC_EXAMPLE + "ext one\next two\n");
        assertThat(checkpoint.extensions()).containsExactly("ext one", "ext two");
        assertThat(checkpoint.text()).isEqualTo(SPEC_EXAMPLE + "ext one\next two\n");
    }

    @Test
    void parse_largestSize_fitsALong() throws MalformedCheckpointException {
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").size()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com/behind-the-sofa\n020852163\n" + ROOT + "\n", // leading zero
        "example.com/behind-the-sofa\n+20852163\n" + ROOT + "\n", // sign
        "example.com/behind-the-sofa\n-1\n" + ROOT + "\n",
        "example.com/behind-the-sofa\n9223372036854775808\n" + ROOT + "\n", // overflows a long
        "example.com/behind-the-sofa\n99999999999999999999\n" + ROOT + "\n",
        "example.com/behind-the-sofa\n 1\n" + ROOT + "\n",
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n", // 31 bytes
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n", // unpadded
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n", // stray bits
        "example.com/behind-the-sofa\n20852163\n" + ROOT, // no final newline
        "example.com/behind-the-sofa\n20852163\n", // no root
        "\n20852163\n" + ROOT + "\n", // empty origin
        "example.com/behind-the-sofa\n20852163\n" + ROOT + "\n\n", // empty extension line
        "example.com/behind-the-sofa\n0\n" + ROOT + "\n", // size 0 with a root other than the empty tree's
    })
    void parse_malformed_isRejected(String text) {
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(MalformedCheckpointException.class);
    }

    @Test
    void parse_emptyTree_hasTheEmptyRoot() throws MalformedCheckpointException {
        assertThat(Checkpoint.parse("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n").root())
                .isEqualTo(Hash.EMPTY_TREE);
    }

    @Test
    void constructor_lineWithNewline_isRejected() {
        Hash root = Hash.fromBase64(ROOT);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", 1, root, List.of("x\ny")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a", -1, root)).isInstanceOf(IllegalArgumentException.class);
    }
}
