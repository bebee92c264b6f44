package sovereign.munin.keep.crypto;

/**
 * Argon2id cost parameters (memory in KiB, passes, lanes), bounded so a stored hash cannot demand unbounded work.
 *
 * <p>The bounds apply to every hash this module reads, so a tampered hash such as {@code m=4194304,t=1000}
 * is refused before any memory is allocated.
 */
public record Argon2Params(int memoryKib, int iterations, int parallelism) {
    /** 1 GiB: well above any sane interactive setting, low enough that one verification cannot exhaust a server. */
    public static final int MAX_MEMORY_KIB = 1 << 20;
    public static final int MAX_ITERATIONS = 10;
    public static final int MAX_PARALLELISM = 8;

    /** OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Argon2Params DEFAULT = new Argon2Params(19 * 1024, 2, 1);

    public Argon2Params {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM + ", was " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS + ", was " + iterations);
        }
        // RFC 9106 section 3.1: at least 8 KiB per lane.
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be " + (8 * parallelism) + ".." + MAX_MEMORY_KIB
                    + " KiB for " + parallelism + " lane(s), was " + memoryKib);
        }
    }

    /** True when these parameters cost at least as much as {@code floor} in both memory and passes. */
    public boolean atLeast(Argon2Params floor) {
        return memoryKib >= floor.memoryKib && iterations >= floor.iterations;
    }
}
