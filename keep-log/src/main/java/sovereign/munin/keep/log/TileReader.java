package sovereign.munin.keep.log;

/**
 * Supplies the bytes of hash tiles, from files, a database or an export on removable media.
 *
 * <p>Security: a reader only locates bytes; {@link TileHashReader} checks their length, and proofs built from
 * them are checked against signed roots, never trusted because a reader returned them.
 */
@FunctionalInterface
public interface TileReader {

    /**
     * Returns the bytes of the tile {@code id}.
     *
     * @throws HashStorageException if the tile is absent or cannot be read
     */
    byte[] readTile(TileId id) throws HashStorageException;
}
