package sovereign.munin.keep.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File access for exports and witness state: reads only regular files that are not symbolic links, with a size
 * bound, and writes durably (data forced to disk, files replaced by rename).
 */
public final class SafeFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {}

    /**
     * Reads a regular file of at most {@code maxBytes} bytes without following a symbolic link in its last component.
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws FileSystemException if it is a link, a directory or a device, or is longer than {@code maxBytes}
     */
    public static byte[] readRegular(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, attributes.isSymbolicLink()
                    ? "is a symbolic link; only regular files are read" : "is not a regular file");
        }
        if (attributes.size() > maxBytes) {
            throw new FileSystemException(file.toString(), null, "is " + attributes.size()
                    + " bytes, more than the " + maxBytes + " allowed");
        }
        // NOFOLLOW_LINKS again on open: the file may have been swapped for a link since the check above.
        try (SeekableByteChannel in = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            // One byte more than allowed, so a file that grew since the check is caught rather than cut short.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1, attributes.size() + 1));
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // keep reading until full or end of file
            }
            if (buffer.position() > maxBytes || buffer.position() > attributes.size()) {
                throw new FileSystemException(file.toString(), null, "changed while it was read");
            }
            byte[] data = new byte[buffer.position()];
            buffer.flip().get(data);
            return data;
        }
    }

    /** Creates {@code file}, which must not exist, writes {@code data} and forces it to disk. */
    public static void writeNew(Path file, byte[] data, FileAttribute<?>... attributes) throws IOException {
        try (FileChannel out = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }

    /** Replaces {@code file} with {@code data} in one rename, so a reader sees the old or the new bytes, never half. */
    public static void replace(Path file, byte[] data) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp-" + randomSuffix());
        try {
            writeNew(temporary, data);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory(file.getParent());
    }

    /** Forces a directory's entries to disk, where the platform allows it, so a rename survives a crash. */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open directories; their rename is as durable as they make it.
        }
    }

    /** True if {@code directory} is a real directory (not a link) with no entries. */
    public static boolean isEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes a directory tree this process created, without following links out of it. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A random suffix for temporary names, so two writers never pick the same one. */
    public static String randomSuffix() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
