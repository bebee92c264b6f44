package sovereign.munin.keep.log.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.internal.NoteText;
import sovereign.munin.keep.log.internal.SafeFiles;
import sovereign.munin.keep.log.internal.Sha256;

/**
 * What a witness remembers per log, in {@code state/<hex SHA-256 of the origin>/}: {@code origin}, the pinned
 * {@code log.vkeys} and the last {@code checkpoint} note it cosigned. A log's folder appears whole, by one rename,
 * and its checkpoint is replaced by one rename, so a crash leaves the old state or the new one.
 */
final class WitnessState {

    /** One log as the witness knows it. */
    record Log(String origin, List<VerifierKey> logKeys, Optional<byte[]> checkpoint) {}

    private static final int MAX_SMALL_FILE = 64 * 1024;
    private static final int MAX_LOG_KEYS = 16;
    private static final int MAX_LOGS = 10_000;

    private final Path root;

    WitnessState(Path root) {
        this.root = root;
    }

    /** The log {@code origin}, if the witness has pinned its keys. */
    Optional<Log> load(String origin) throws LogException {
        Path dir = folder(origin);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            String stored = new String(SafeFiles.readRegular(dir.resolve("origin"), MAX_SMALL_FILE),
                    StandardCharsets.UTF_8);
            if (!stored.equals(origin + "\n")) {
                throw new WitnessException("witness state " + dir + " is not the state of " + origin);
            }
            List<VerifierKey> keys = parseKeys(SafeFiles.readRegular(dir.resolve("log.vkeys"), MAX_SMALL_FILE), dir);
            Optional<byte[]> checkpoint;
            try {
                checkpoint = Optional.of(SafeFiles.readRegular(dir.resolve("checkpoint"), NoteText.MAX_NOTE_BYTES));
            } catch (NoSuchFileException e) {
                checkpoint = Optional.empty();
            }
            return Optional.of(new Log(origin, keys, checkpoint));
        } catch (IOException e) {
            throw new WitnessException("cannot read witness state " + dir + ": " + e, e);
        }
    }

    /** The origin of another log that already pinned {@code key}, if any: a log key belongs to one log. */
    Optional<String> originPinning(VerifierKey key) throws LogException {
        int seen = 0;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(root)) {
            for (Path dir : logs) {
                if (++seen > MAX_LOGS) {
                    throw new WitnessException("witness state " + root + " holds more than " + MAX_LOGS + " logs");
                }
                if (dir.getFileName().toString().startsWith(".")) {
                    continue; // a folder still being written, never renamed into place
                }
                List<VerifierKey> keys = parseKeys(SafeFiles.readRegular(dir.resolve("log.vkeys"), MAX_SMALL_FILE),
                        dir);
                if (keys.contains(key)) {
                    String origin = new String(SafeFiles.readRegular(dir.resolve("origin"), MAX_SMALL_FILE),
                            StandardCharsets.UTF_8);
                    return Optional.of(origin.strip());
                }
            }
        } catch (IOException e) {
            throw new WitnessException("cannot read witness state " + root + ": " + e, e);
        }
        return Optional.empty();
    }

    /** Records {@code checkpoint} as the last one cosigned for {@code origin}, pinning {@code logKeys} if new. */
    void save(String origin, List<VerifierKey> logKeys, byte[] checkpoint) throws WitnessException {
        Path dir = folder(origin);
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                SafeFiles.replace(dir.resolve("checkpoint"), checkpoint);
                return;
            }
            Path staging = root.resolve(".new-" + SafeFiles.randomSuffix());
            try {
                Files.createDirectory(staging);
                SafeFiles.writeNew(staging.resolve("origin"), (origin + "\n").getBytes(StandardCharsets.UTF_8));
                StringBuilder vkeys = new StringBuilder();
                logKeys.forEach(key -> vkeys.append(key.vkey()).append('\n'));
                SafeFiles.writeNew(staging.resolve("log.vkeys"), vkeys.toString().getBytes(StandardCharsets.UTF_8));
                SafeFiles.writeNew(staging.resolve("checkpoint"), checkpoint);
                SafeFiles.forceDirectory(staging);
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                SafeFiles.forceDirectory(root);
            } finally {
                SafeFiles.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new WitnessException("cannot update witness state " + dir + ": " + e, e);
        }
    }

    private Path folder(String origin) {
        return root.resolve(HexFormat.of().formatHex(Sha256.digest(origin.getBytes(StandardCharsets.UTF_8))));
    }

    private static List<VerifierKey> parseKeys(byte[] data, Path dir) throws WitnessException {
        List<VerifierKey> keys = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (keys.size() == MAX_LOG_KEYS) {
                throw new WitnessException("witness state " + dir + " pins more than " + MAX_LOG_KEYS + " log keys");
            }
            try {
                keys.add(VerifierKey.parse(line.strip()));
            } catch (LogException e) {
                throw new WitnessException("witness state " + dir + " has a bad log key: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new WitnessException("witness state " + dir + " pins no log key");
        }
        return List.copyOf(keys);
    }
}
