package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2ParamsTest {
    @Test
    void default_isOwaspMinimum() {
        assertThat(Argon2Params.DEFAULT).isEqualTo(new Argon2Params(19456, 2, 1));
    }

    @Test
    void constructor_memoryOverOneGibibyte_throwsIllegalArgument() {
        assertThatThrownBy(() -> new Argon2Params(Argon2Params.MAX_MEMORY_KIB + 1, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory");
    }

    @Test
    void constructor_tooManyPassesOrLanes_throwsIllegalArgument() {
        assertThatThrownBy(() -> new Argon2Params(19456, 11, 1)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2Params(19456, 2, 9)).hasMessageContaining("parallelism");
    }

    @Test
    void constructor_lessThanEightKibPerLane_throwsIllegalArgument() {
        assertThatThrownBy(() -> new Argon2Params(31, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Argon2Params(32, 1, 4).memoryKib()).isEqualTo(32);
    }

    @Test
    void atLeast_eachDimension_comparedSeparately() {
        Argon2Params floor = Argon2Params.DEFAULT;

        assertThat(new Argon2Params(65536, 3, 1).atLeast(floor)).isTrue();
        assertThat(new Argon2Params(65536, 1, 1).atLeast(floor)).isFalse();
        assertThat(new Argon2Params(8192, 4, 1).atLeast(floor)).isFalse();
    }
}
