package sovereign.munin.keep.log.export;

import java.util.List;
import sovereign.munin.keep.log.LogException;

/** Supplies a log's entries in leaf order, one bounded batch at a time, so that an export never holds them all. */
@FunctionalInterface
public interface EntrySource {

    /**
     * Returns exactly {@code count} entries (1 to 256), those at leaf indexes {@code fromIndex} onwards.
     *
     * @throws LogException if the entries cannot be read
     */
    List<byte[]> read(long fromIndex, int count) throws LogException;
}
