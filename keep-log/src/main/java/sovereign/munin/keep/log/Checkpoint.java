package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sovereign.munin.keep.log.internal.NoteText;

/**
 * A C2SP tlog-checkpoint: the note text naming a log (origin), its tree size and its RFC 9162 root hash, with
 * optional extension lines.
 *
 * @param origin the log's identity, the first line
 * @param size the number of leaves
 * @param root the root hash at that size; the empty-tree hash when the size is 0
 * @param extensions opaque non-empty extra lines, usually none
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {

    /** Most extension lines accepted when parsing. */
    public static final int MAX_EXTENSIONS = 64;

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        extensions = List.copyOf(extensions);
        String problem = lineProblem("origin", origin);
        for (int i = 0; problem == null && i < extensions.size(); i++) {
            problem = lineProblem("extension line", extensions.get(i));
        }
        if (problem == null && size < 0) {
            problem = "negative tree size";
        }
        if (problem == null && size == 0 && !root.equals(Hash.EMPTY_TREE)) {
            problem = "an empty tree's root is SHA-256 of nothing";
        }
        if (problem == null && extensions.size() > MAX_EXTENSIONS) {
            problem = "more than " + MAX_EXTENSIONS + " extension lines";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A checkpoint with no extension lines. */
    public Checkpoint(String origin, long size, Hash root) {
        this(origin, size, root, List.of());
    }

    /** Parses note text strictly: no leading zeros, a size that fits, a root of exactly 32 bytes in canonical base64. */
    public static Checkpoint parse(String text) throws MalformedCheckpointException {
        if (text.length() > NoteText.MAX_NOTE_BYTES) {
            throw new MalformedCheckpointException("checkpoint text too long");
        }
        String problem = NoteText.textProblem(text);
        if (problem != null) {
            throw new MalformedCheckpointException(problem);
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new MalformedCheckpointException("checkpoint needs origin, size and root lines");
        }
        if (lines.length - 3 > MAX_EXTENSIONS) {
            throw new MalformedCheckpointException("more than " + MAX_EXTENSIONS + " extension lines");
        }
        long size = parseSize(lines[1]);
        byte[] root = NoteText.decodeCanonicalBase64(lines[2]);
        if (root == null || root.length != Hash.SIZE) {
            throw new MalformedCheckpointException("root hash is not canonical base64 of 32 bytes");
        }
        List<String> extensions = new ArrayList<>(List.of(lines).subList(3, lines.length));
        try {
            return new Checkpoint(lines[0], size, new Hash(root), extensions);
        } catch (IllegalArgumentException e) {
            throw new MalformedCheckpointException(e.getMessage());
        }
    }

    /** The note text: origin, size, base64 root, extension lines, each ending in a newline. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(origin).append('\n').append(size).append('\n').append(root.toBase64()).append('\n');
        for (String extension : extensions) {
            out.append(extension).append('\n');
        }
        return out.toString();
    }

    private static long parseSize(String line) throws MalformedCheckpointException {
        boolean digits = !line.isEmpty() && line.length() <= 19 && line.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (line.length() > 1 && line.charAt(0) == '0')) {
            throw new MalformedCheckpointException("tree size is not a decimal without leading zeros: " + line);
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new MalformedCheckpointException("tree size exceeds " + Long.MAX_VALUE);
        }
    }

    private static String lineProblem(String what, String line) {
        if (line.isEmpty()) {
            return what + " is empty";
        }
        if (line.indexOf('\n') >= 0) {
            return what + " contains a newline";
        }
        String problem = NoteText.charactersProblem(line);
        return problem == null ? null : what + ": " + problem;
    }
}
