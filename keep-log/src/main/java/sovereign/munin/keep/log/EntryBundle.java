package sovereign.munin.keep.log;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A C2SP tlog-tiles entry bundle: up to 256 log entries, each written as a big-endian uint16 length and its bytes. */
public final class EntryBundle {

    /** Largest entry the uint16 length prefix can describe. */
    public static final int MAX_ENTRY_SIZE = 0xFFFF;
    /** Most entries in one bundle. */
    public static final int MAX_ENTRIES = TileId.WIDTH;

    private final List<byte[]> entries;

    private EntryBundle(List<byte[]> entries) {
        this.entries = entries;
    }

    /** A bundle of 1 to 256 entries of at most 65,535 bytes each. */
    public static EntryBundle of(List<byte[]> entries) {
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a bundle holds 1 to 256 entries, not " + entries.size());
        }
        List<byte[]> copies = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_SIZE) {
                throw new IllegalArgumentException("entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_SIZE);
            }
            copies.add(entry.clone());
        }
        return new EntryBundle(List.copyOf(copies));
    }

    /** Parses a bundle that must hold exactly {@code expectedCount} entries and nothing after them. */
    public static EntryBundle parse(byte[] data, int expectedCount) throws MalformedTileException {
        if (expectedCount < 1 || expectedCount > MAX_ENTRIES) {
            throw new IllegalArgumentException("a bundle holds 1 to 256 entries, not " + expectedCount);
        }
        List<byte[]> entries = new ArrayList<>(expectedCount);
        int at = 0;
        while (at < data.length) {
            if (entries.size() == expectedCount) {
                throw new MalformedTileException("entry bundle has bytes after its " + expectedCount + " entries");
            }
            if (data.length - at < 2) {
                throw new MalformedTileException("entry bundle ends inside a length prefix");
            }
            int length = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
            at += 2;
            if (data.length - at < length) {
                throw new MalformedTileException("entry " + entries.size() + " claims " + length
                        + " bytes but only " + (data.length - at) + " remain");
            }
            byte[] entry = new byte[length];
            System.arraycopy(data, at, entry, 0, length);
            entries.add(entry);
            at += length;
        }
        if (entries.size() != expectedCount) {
            throw new MalformedTileException("entry bundle has " + entries.size() + " entries, not " + expectedCount);
        }
        return new EntryBundle(List.copyOf(entries));
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    /** A copy of entry {@code i}. */
    public byte[] entry(int i) {
        return entries.get(i).clone();
    }

    /** The RFC 9162 leaf hash of every entry, in order. */
    public List<Hash> leafHashes() {
        List<Hash> hashes = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            hashes.add(Hash.ofLeaf(entry));
        }
        return hashes;
    }

    /** The bundle's bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xFF);
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }
}
