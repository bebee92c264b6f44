package sovereign.munin.keep.log.internal;

/** The C2SP tlog-tiles encoding of tile indexes as {@code x001/x234/067} and of small decimals, strictly parsed. */
public final class TilePaths {

    // Long.MAX_VALUE has 19 digits, so 7 groups of three.
    private static final int MAX_GROUPS = 7;

    private TilePaths() {}

    /** Zero-padded three-digit groups, all but the last prefixed with {@code x}. */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative tile index " + index);
        }
        String digits = Long.toString(index);
        int padded = (digits.length() + 2) / 3 * 3;
        digits = "0".repeat(padded - digits.length()) + digits;
        StringBuilder out = new StringBuilder(padded + padded / 3 * 2);
        for (int i = 0; i < padded; i += 3) {
            if (i + 3 < padded) {
                out.append('x').append(digits, i, i + 3).append('/');
            } else {
                out.append(digits, i, i + 3);
            }
        }
        return out.toString();
    }

    /** Parses an encoded index, or returns -1 unless it is exactly what {@link #encodeIndex} produces. */
    public static long parseIndex(String encoded) {
        if (encoded.length() > MAX_GROUPS * 5) {
            return -1;
        }
        StringBuilder digits = new StringBuilder();
        String[] groups = encoded.split("/", -1);
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            boolean last = g == groups.length - 1;
            if (!last) {
                if (!group.startsWith("x")) {
                    return -1;
                }
                group = group.substring(1);
            }
            if (group.length() != 3 || !isDigits(group)) {
                return -1;
            }
            digits.append(group);
        }
        long index;
        try {
            index = Long.parseLong(digits.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
        // Rejects redundant leading groups such as x000/001.
        return encodeIndex(index).equals(encoded) ? index : -1;
    }

    /** Parses a decimal in {@code [min, max]} with no sign and no leading zeros, or returns -1. */
    public static int parseSmallDecimal(String text, int min, int max) {
        if (text.isEmpty() || text.length() > 3 || !isDigits(text) || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value >= min && value <= max ? value : -1;
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
