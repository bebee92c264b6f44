package sovereign.munin.keep.log.export;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One thing wrong in an exported log, located by the file it concerns and, where it comes down to one entry, the
 * leaf index.
 *
 * @param path the file, relative to the export directory, such as {@code tile/0/000.p/15}
 * @param leafIndex the entry concerned, if the problem is about one
 * @param message what is wrong, for people
 */
public record ExportProblem(String path, OptionalLong leafIndex, String message) {

    public ExportProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(leafIndex, "leafIndex");
        Objects.requireNonNull(message, "message");
    }

    static ExportProblem of(String path, String message) {
        return new ExportProblem(path, OptionalLong.empty(), message);
    }

    static ExportProblem atLeaf(String path, long leafIndex, String message) {
        return new ExportProblem(path, OptionalLong.of(leafIndex), message);
    }

    @Override
    public String toString() {
        return path + (leafIndex.isPresent() ? " (entry " + leafIndex.getAsLong() + ")" : "") + ": " + message;
    }
}
