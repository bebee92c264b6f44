package sovereign.munin.keep.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-tiles hash tile: its coordinates and its hashes, stored as their concatenated 32-byte values.
 *
 * @param id the tile's coordinates; its width is the number of hashes
 * @param hashes the hashes, left to right
 */
public record Tile(TileId id, List<Hash> hashes) {

    public Tile {
        Objects.requireNonNull(id, "id");
        hashes = List.copyOf(hashes);
        if (hashes.size() != id.width()) {
            throw new IllegalArgumentException(id + " holds " + id.width() + " hashes, not " + hashes.size());
        }
    }

    /** Parses tile bytes, which must be exactly {@code 32 * width} bytes long. */
    public static Tile parse(TileId id, byte[] data) throws MalformedTileException {
        long expected = (long) id.width() * Hash.SIZE;
        if (data.length != expected) {
            throw new MalformedTileException(id.path() + " must be " + expected + " bytes, not " + data.length);
        }
        List<Hash> hashes = new ArrayList<>(id.width());
        byte[] buffer = new byte[Hash.SIZE];
        for (int i = 0; i < id.width(); i++) {
            System.arraycopy(data, i * Hash.SIZE, buffer, 0, Hash.SIZE);
            hashes.add(new Hash(buffer));
        }
        return new Tile(id, hashes);
    }

    /** The tile's bytes: its hashes concatenated. */
    public byte[] encode() {
        byte[] out = new byte[hashes.size() * Hash.SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            hashes.get(i).copyTo(out, i * Hash.SIZE);
        }
        return out;
    }

    /**
     * The Merkle hash over hashes {@code [from, from + count)}, where {@code count} is a power of two and
     * {@code from} a multiple of it: an interior node between this tile's level and the next.
     */
    public Hash subtreeHash(int from, int count) {
        if (Integer.bitCount(count) != 1 || from < 0 || from % count != 0 || from + count > hashes.size()) {
            throw new IllegalArgumentException("no perfect subtree of " + count + " at " + from + " in " + id);
        }
        List<Hash> level = hashes.subList(from, from + count);
        while (level.size() > 1) {
            List<Hash> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(Hash.ofNode(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.getFirst();
    }
}
