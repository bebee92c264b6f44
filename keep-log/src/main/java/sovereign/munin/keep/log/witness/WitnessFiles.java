package sovereign.munin.keep.log.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.log.internal.SafeFiles;

/** A witness directory's key files: created new and owner-only, and read back only if still owner-only. */
final class WitnessFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final int MAX_KEY_FILE = 64 * 1024;

    private WitnessFiles() {}

    static WitnessKeys create(Path directory, String name) throws LogException {
        WitnessKeys keys = WitnessKeys.generate(name);
        boolean exists = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
        try {
            if (exists && !SafeFiles.isEmptyDirectory(directory)) {
                // Refused before anything is written, so nothing here may be undone.
                throw new WitnessException(directory + " already exists and is not empty; a witness is never "
                        + "overwritten");
            }
        } catch (IOException e) {
            throw new WitnessException("cannot read " + directory + ": " + e, e);
        }
        boolean created = false;
        try {
            if (!exists) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                created = true;
            }
            writeKeys(directory, keys);
            Files.createDirectory(directory.resolve(Witness.STATE_DIR),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            SafeFiles.forceDirectory(directory);
            return keys;
        } catch (IOException | UnsupportedOperationException | LogException e) {
            undo(directory, created);
            if (e instanceof LogException le) {
                throw le;
            }
            if (e instanceof UnsupportedOperationException) {
                throw new WitnessException("cannot make files readable only by their owner in " + directory, e);
            }
            throw new WitnessException("cannot create the witness in " + directory + ": " + e, e);
        }
    }

    static WitnessKeys load(Path directory) throws LogException {
        Path keyFile = directory.resolve(Witness.KEY_FILE);
        byte[] pem = null;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(keyFile, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new WitnessException(keyFile + " is readable by others (" + PosixFilePermissions.toString(mode)
                        + "); make it readable by its owner only (chmod 600)");
            }
            List<VerifierKey> vkeys = new ArrayList<>();
            byte[] vkeyFile = SafeFiles.readRegular(directory.resolve(Witness.VKEYS_FILE), MAX_KEY_FILE);
            for (String line : new String(vkeyFile, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    vkeys.add(VerifierKey.parse(line.strip()));
                }
            }
            pem = SafeFiles.readRegular(keyFile, MAX_KEY_FILE);
            return WitnessKeys.fromPem(pem, vkeys);
        } catch (UnsupportedOperationException e) {
            throw new WitnessException("cannot check who may read " + keyFile, e);
        } catch (IOException e) {
            throw new WitnessException("not a witness directory: cannot read " + e.getMessage(), e);
        } finally {
            if (pem != null) {
                Arrays.fill(pem, (byte) 0);
            }
        }
    }

    private static void writeKeys(Path directory, WitnessKeys keys) throws IOException, LogException {
        try (SecretBytes pem = keys.privateKeysPem()) {
            byte[] bytes = pem.copyBytes();
            try {
                SafeFiles.writeNew(directory.resolve(Witness.KEY_FILE), bytes,
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        StringBuilder vkeys = new StringBuilder();
        keys.verifierKeys().forEach(key -> vkeys.append(key.vkey()).append('\n'));
        SafeFiles.writeNew(directory.resolve(Witness.VKEYS_FILE), vkeys.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Removes what a failed {@link #create} wrote, and the directory too if it made it. */
    private static void undo(Path directory, boolean created) {
        try {
            if (created) {
                SafeFiles.deleteTree(directory);
            } else {
                for (String name : List.of(Witness.KEY_FILE, Witness.VKEYS_FILE, Witness.STATE_DIR)) {
                    Files.deleteIfExists(directory.resolve(name));
                }
            }
        } catch (IOException e) {
            // The original failure is what the caller needs to hear about.
        }
    }
}
