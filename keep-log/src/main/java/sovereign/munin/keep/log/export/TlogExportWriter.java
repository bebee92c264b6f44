package sovereign.munin.keep.log.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.EntryBundle;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.HashReader;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.Tile;
import sovereign.munin.keep.log.TileId;
import sovereign.munin.keep.log.internal.SafeFiles;

/**
 * Writes a log at one tree size as a C2SP tlog-tiles directory: the signed checkpoint, every hash tile and every
 * entry bundle of that tree, streaming the entries 256 at a time.
 *
 * <p>The directory is built under a hidden sibling name and renamed into place at the end, so the target is either
 * absent or complete; files are forced to disk before the rename. Each entry is checked against the stored leaf
 * hash on the way, so an export whose entries and tree disagree is never written.
 */
public final class TlogExportWriter {

    private final HashReader hashes;
    private final EntrySource entries;

    /** A writer that takes tiles from {@code hashes} and entries from {@code entries}, which must describe one log. */
    public TlogExportWriter(HashReader hashes, EntrySource entries) {
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.entries = Objects.requireNonNull(entries, "entries");
    }

    /**
     * Exports the tree that {@code checkpointNote} (a signed checkpoint note, written as given) describes.
     *
     * @param target a directory that does not exist yet, or is empty; its parent must exist
     * @param progress told the number of entries written so far after each bundle
     * @throws ExportException if the target is unusable, the checkpoint does not match the stored tree, or an entry
     *     does not match its leaf hash
     */
    public ExportSummary write(Path target, byte[] checkpointNote, LongConsumer progress) throws LogException {
        Objects.requireNonNull(progress, "progress");
        Checkpoint checkpoint = Checkpoint.parse(Note.parse(checkpointNote).text());
        long size = checkpoint.size();
        MerkleTree tree = new MerkleTree(hashes);
        if (!tree.rootHash(size).equals(checkpoint.root())) {
            throw new ExportException("the checkpoint's root for size " + size + " is not the stored tree's root");
        }
        Path directory = target.toAbsolutePath().normalize();
        Path parent = directory.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ExportException("cannot export to " + target + ": its parent directory does not exist");
        }
        Path staging = parent.resolve("." + directory.getFileName() + ".partial-" + SafeFiles.randomSuffix());
        try {
            requireUsableTarget(directory);
            Files.createDirectory(staging);
            Staging staged = new Staging(staging);
            writeLevelZero(tree, size, staged, progress);
            for (int level = 1; level < ExportTiles.LEVELS; level++) {
                long count = ExportTiles.levelCount(size, level);
                if (count == 0) {
                    break;
                }
                for (long index = 0; index * TileId.WIDTH < count; index++) {
                    TileId id = ExportTiles.tile(size, level, index);
                    staged.write(id.path(), tree.tile(id, size).encode());
                    staged.tiles++;
                }
            }
            // The checkpoint goes last: a reader of an interrupted copy finds no checkpoint rather than a false one.
            staged.write("checkpoint", checkpointNote);
            staged.forceDirectories();
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(directory); // checked empty above; replacing a directory by rename is unspecified in Java
            }
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            SafeFiles.forceDirectory(parent);
            return new ExportSummary(directory, checkpoint, size, staged.tiles, staged.bundles, staged.bytes);
        } catch (IOException e) {
            throw new ExportException("cannot write the export to " + target + ": " + e, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private void writeLevelZero(MerkleTree tree, long size, Staging staged, LongConsumer progress)
            throws LogException, IOException {
        for (long index = 0; index * TileId.WIDTH < size; index++) {
            TileId id = ExportTiles.tile(size, 0, index);
            long from = index * TileId.WIDTH;
            List<byte[]> batch = entries.read(from, id.width());
            if (batch == null || batch.size() != id.width()) {
                throw new ExportException("the entry source returned " + (batch == null ? "nothing" : batch.size()
                        + " entries") + " for the " + id.width() + " from leaf " + from);
            }
            Tile tile = tree.tile(id, size);
            for (int i = 0; i < batch.size(); i++) {
                byte[] entry = Objects.requireNonNull(batch.get(i), "entry");
                if (entry.length > EntryBundle.MAX_ENTRY_SIZE) {
                    throw new ExportException("entry " + (from + i) + " has " + entry.length + " bytes; an entry "
                            + "bundle holds at most " + EntryBundle.MAX_ENTRY_SIZE);
                }
                if (!Hash.ofLeaf(entry).equals(tile.hashes().get(i))) {
                    throw new ExportException("entry " + (from + i) + " does not hash to the stored leaf hash: "
                            + "the entries and the tree disagree");
                }
            }
            staged.write(id.entriesPath(), EntryBundle.of(batch).encode());
            staged.write(id.path(), tile.encode());
            staged.bundles++;
            staged.tiles++;
            progress.accept(from + id.width());
        }
    }

    private static void requireUsableTarget(Path directory) throws IOException, ExportException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)
                && !SafeFiles.isEmptyDirectory(directory)) {
            throw new ExportException(directory + " already exists and is not an empty directory; export into a "
                    + "new directory");
        }
    }

    private static void deleteQuietly(Path staging) {
        try {
            SafeFiles.deleteTree(staging);
        } catch (IOException e) {
            // Only a hidden, never-renamed staging directory is left behind; the failure itself is reported.
        }
    }

    /** The staging directory: creates parent directories once and counts what it writes. */
    private static final class Staging {
        private final Path root;
        private final Set<Path> directories = new LinkedHashSet<>();
        long tiles;
        long bundles;
        long bytes;

        Staging(Path root) {
            this.root = root;
            directories.add(root);
        }

        void write(String relative, byte[] data) throws IOException {
            Path file = root.resolve(relative);
            Path parent = file.getParent();
            if (directories.add(parent)) {
                Files.createDirectories(parent);
                for (Path up = parent.getParent(); up.startsWith(root) && directories.add(up); up = up.getParent()) {
                    // every ancestor was created too and must be forced to disk as well
                }
            }
            SafeFiles.writeNew(file, data);
            bytes += data.length;
        }

        void forceDirectories() {
            directories.forEach(SafeFiles::forceDirectory);
        }
    }
}
