package sovereign.munin.keep.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Peer check: ML-DSA-65 signatures made by the JDK verify with {@code @noble/post-quantum@0.7.1} on Node.
 *
 * <p>Needs node and npm (and the npm registry the first time). Without them the test is skipped on a
 * developer machine and fails under CI=true, so CI cannot pass without having run it.
 */
class MlDsaNobleIT {
    private static final String PACKAGE = "@noble/post-quantum@0.7.1";
    private static final Path DIR = Path.of("target", "noble-post-quantum-0.7.1");
    private static final int RAW_PUBLIC_KEY_BYTES = 1952;
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void verify_jdkMlDsa65Signature_acceptedByNobleAndCorruptionRejected() throws Exception {
        Path script = prepareNoble();
        KeyPair keys = Signatures.generate(SignatureAlgorithm.ML_DSA_65, new SecureRandom());
        byte[] message = "munin keep checkpoint 42".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Signatures.signer(SignatureAlgorithm.ML_DSA_65, keys).sign(message);
        byte[] spki = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - RAW_PUBLIC_KEY_BYTES, spki.length);
        byte[] corrupted = signature.clone();
        corrupted[100] ^= 0x01;
        byte[] otherMessage = "munin keep checkpoint 43".getBytes(StandardCharsets.UTF_8);

        Path cases = DIR.resolve("cases.json");
        Files.writeString(cases, "[" + String.join(",",
                testCase("valid", raw, message, signature),
                testCase("corrupted", raw, message, corrupted),
                testCase("other-message", raw, otherMessage, signature)) + "]");
        Result result = run(List.of("node", script.getFileName().toString(), cases.getFileName().toString()), 60);

        assertThat(signature).hasSize(3309);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().toList())
                .containsExactly("valid true", "corrupted false", "other-message false");
    }

    @Test
    void contextAndDigestSignatures_areOrdinaryMlDsaSignatures_forNoble() throws Exception {
        Path script = prepareNoble();
        KeyPair keys = Signatures.generate(SignatureAlgorithm.ML_DSA_65, new SecureRandom());
        Signer signer = Signatures.signer(SignatureAlgorithm.ML_DSA_65, keys);
        byte[] message = "release 2.4.1 of the keep bundle".getBytes(StandardCharsets.UTF_8);
        byte[] context = "munin-release".getBytes(StandardCharsets.UTF_8);
        byte[] withContext = signer.sign(message, context);
        // The digest a client computes from the public key, the context and the message (FIPS 204 mu).
        var digester = Prehash.digester(SignatureAlgorithm.ML_DSA_65,
                keys.getPublic(), context);
        digester.update(message, 0, message.length);
        byte[] fromDigest = signer.signDigest(digester.digest());
        byte[] spki = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - RAW_PUBLIC_KEY_BYTES, spki.length);

        Path cases = DIR.resolve("cases-context.json");
        Files.writeString(cases, "[" + String.join(",",
                testCase("context", raw, message, withContext, context),
                testCase("context-missing", raw, message, withContext, null),
                testCase("context-other", raw, message, withContext, "munin-other".getBytes(StandardCharsets.UTF_8)),
                testCase("digest", raw, message, fromDigest, context),
                testCase("digest-no-context", raw, message, fromDigest, null)) + "]");
        Result result = run(List.of("node", script.getFileName().toString(), cases.getFileName().toString()), 60);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().toList()).containsExactly("context true", "context-missing false",
                "context-other false", "digest true", "digest-no-context false");
    }

    private static String testCase(String name, byte[] pub, byte[] msg, byte[] sig, byte[] ctx) {
        String c = testCase(name, pub, msg, sig);
        return ctx == null ? c : c.substring(0, c.length() - 1) + ",\"ctx\":\"" + HEX.formatHex(ctx) + "\"}";
    }

    private static String testCase(String name, byte[] pub, byte[] msg, byte[] sig) {
        return "{\"name\":\"%s\",\"pub\":\"%s\",\"msg\":\"%s\",\"sig\":\"%s\"}"
                .formatted(name, HEX.formatHex(pub), HEX.formatHex(msg), HEX.formatHex(sig));
    }

    /** Installs the package under target/ once and returns the verification script beside it. */
    private static Path prepareNoble() throws Exception {
        requireTool("node", "--version");
        requireTool("npm", "--version");
        Files.createDirectories(DIR);
        Path installed = DIR.resolve("node_modules/@noble/post-quantum/package.json");
        if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"0.7.1\"")) {
            // A package.json of its own stops npm from walking up into the repository.
            Files.writeString(DIR.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}\n");
            Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", PACKAGE), 300);
            if (npm.exitCode() != 0) {
                unavailable("npm install " + PACKAGE + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
            }
        }
        Path script = DIR.resolve("verify-ml-dsa65.mjs");
        try (InputStream in = MlDsaNobleIT.class.getResourceAsStream("noble/verify-ml-dsa65.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static void requireTool(String... command) {
        try {
            Result r = run(List.of(command), 30);
            if (r.exitCode() != 0) {
                unavailable(command[0] + " is not usable (exit " + r.exitCode() + "): " + r.output());
            }
        } catch (IOException | InterruptedException e) {
            unavailable(command[0] + " is not installed: " + e.getMessage());
        }
    }

    private static void unavailable(String reason) {
        String message = "ML-DSA peer check against " + PACKAGE + " cannot run: " + reason;
        Assumptions.abort(message);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("noble-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(DIR.toFile().exists() ? DIR.toFile() : null)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
