package sovereign.munin.keep.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.SignatureType;
import sovereign.munin.keep.log.VerifierKey;

class WitnessTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    @TempDir
    Path base;

    @Test
    void create_newDirectory_writesOwnerOnlyKeysTheirVkeysAndAnEmptyState() throws Exception {
        Witness witness = Witness.create(base.resolve("w"), "witness-one", CLOCK);

        Path dir = base.resolve("w");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("witness-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("witness-key.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----\n").containsOnlyOnce("-----END PRIVATE KEY-----\n-----BEGIN");
        List<String> vkeys = Files.readAllLines(dir.resolve("witness.vkeys"));
        assertThat(vkeys).containsExactlyElementsOf(witness.verifierKeys().stream().map(VerifierKey::vkey).toList());
        assertThat(witness.verifierKeys()).extracting(VerifierKey::type)
                .containsExactly(SignatureType.COSIGNATURE_ED25519, SignatureType.COSIGNATURE_ML_DSA_65);
        assertThat(witness.verifierKeys()).extracting(VerifierKey::name).containsOnly("witness-one");
        assertThat(dir.resolve("state")).isEmptyDirectory();
    }

    @Test
    void open_createdWitness_hasTheSameKeys() throws Exception {
        Witness created = Witness.create(base.resolve("w"), "witness-one", CLOCK);

        Witness opened = Witness.open(base.resolve("w"), CLOCK);

        assertThat(opened.name()).isEqualTo("witness-one");
        assertThat(opened.verifierKeys()).isEqualTo(created.verifierKeys());
    }

    @Test
    void create_existingNonEmptyDirectory_isRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(base.resolve("w"));
        Files.writeString(base.resolve("w/notes.txt"), "mine");

        assertThatThrownBy(() -> Witness.create(base.resolve("w"), "witness-one", CLOCK))
                .isInstanceOf(WitnessException.class).hasMessageContaining("never overwritten");
        assertThat(base.resolve("w").toFile().list()).containsExactly("notes.txt");
    }

    @Test
    void create_existingWitness_isNeverOverwritten() throws Exception {
        Witness.create(base.resolve("w"), "witness-one", CLOCK);
        byte[] key = Files.readAllBytes(base.resolve("w/witness-key.pem"));

        assertThatThrownBy(() -> Witness.create(base.resolve("w"), "witness-two", CLOCK))
                .isInstanceOf(WitnessException.class);
        assertThat(Files.readAllBytes(base.resolve("w/witness-key.pem"))).isEqualTo(key);
    }

    @Test
    void create_nameThatIsNotAFileName_isRefused() {
        for (String name : List.of("witness.example/w1", "", ".hidden", "a b", "a+b", "x".repeat(101))) {
            assertThatThrownBy(() -> Witness.create(base.resolve("w"), name, CLOCK)).as(name)
                    .hasMessageContaining("a witness name is");
        }
        assertThat(base.resolve("w")).doesNotExist();
    }

    @Test
    void open_keyFileReadableByOthers_isRefused() throws Exception {
        Witness.create(base.resolve("w"), "witness-one", CLOCK);
        Files.setPosixFilePermissions(base.resolve("w/witness-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Witness.open(base.resolve("w"), CLOCK))
                .isInstanceOf(WitnessException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void open_notAWitnessDirectory_isRefused() {
        assertThatThrownBy(() -> Witness.open(base, CLOCK))
                .isInstanceOf(WitnessException.class).hasMessageContaining("not a witness directory");
    }

    @Test
    void open_vkeysOfAnotherWitness_isRefused() throws Exception {
        Witness.create(base.resolve("w"), "witness-one", CLOCK);
        Witness.create(base.resolve("other"), "witness-one", CLOCK);
        Files.copy(base.resolve("other/witness.vkeys"), base.resolve("w/witness.vkeys"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Witness.open(base.resolve("w"), CLOCK))
                .hasMessageContaining("does not match");
    }
}
