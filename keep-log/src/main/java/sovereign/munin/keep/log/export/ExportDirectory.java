package sovereign.munin.keep.log.export;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.HashStorageException;
import sovereign.munin.keep.log.TileId;
import sovereign.munin.keep.log.internal.SafeFiles;

/**
 * Reads the files of an export directory by relative path: only regular files, reached through real directories
 * inside it, never through a symbolic link, and no more than a total byte budget.
 */
final class ExportDirectory {

    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Path root;
    private final long maxTotalBytes;
    private final Set<Path> realDirectories = new HashSet<>();
    private long bytesRead;

    ExportDirectory(Path root, long maxTotalBytes) throws ExportException {
        // The directory itself may sit behind a link, as removable media often do; only what is inside must be real.
        if (!Files.isDirectory(root)) {
            throw new ExportException(root + " is not a directory");
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxTotalBytes = maxTotalBytes;
        realDirectories.add(this.root);
    }

    /**
     * Reads {@code relative}, at most {@code maxBytes} long.
     *
     * @throws NoSuchFileException if it is missing
     * @throws FileSystemException if it or a directory on the way is a link or not a regular file, or it is too long
     * @throws ExportException if the total read budget is exhausted
     */
    byte[] read(String relative, long maxBytes) throws IOException, ExportException {
        Path file = resolve(relative);
        requireRealDirectories(file.getParent());
        byte[] data = SafeFiles.readRegular(file, maxBytes);
        bytesRead += data.length;
        if (bytesRead > maxTotalBytes) {
            throw new ExportException("the export is larger than the " + maxTotalBytes + " bytes allowed");
        }
        return data;
    }

    /** The bytes of tile {@code id}, for {@link sovereign.munin.keep.log.TileHashReader}. */
    byte[] tile(TileId id) throws HashStorageException {
        try {
            return read(id.path(), (long) id.width() * Hash.SIZE);
        } catch (IOException | ExportException e) {
            throw new HashStorageException("cannot read " + id.path() + ": " + describe(e), e);
        }
    }

    /** A short description of why a read failed, for a problem line. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "missing";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Path resolve(String relative) {
        // Paths come from tile coordinates, never from the directory, so this only guards against a bug upstream.
        for (String component : relative.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches() || component.equals(".") || component.equals("..")) {
                throw new IllegalArgumentException("not a path inside an export: " + relative);
            }
        }
        return root.resolve(relative);
    }

    private void requireRealDirectories(Path directory) throws IOException {
        if (realDirectories.contains(directory)) {
            return;
        }
        requireRealDirectories(directory.getParent());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(directory.toString(), null, "missing");
        }
        if (!attributes.isDirectory()) {
            throw new FileSystemException(directory.toString(), null,
                    root.relativize(directory) + " is a symbolic link or a file, not a directory");
        }
        realDirectories.add(directory);
    }
}
