package sovereign.munin.keep.app.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.Shamir;

/**
 * One custodian's unseal share as a small text file: which instance it belongs to, its number, the scheme, the
 * share value and a checksum that catches a damaged or mistyped file before it is used.
 */
public record ShareFile(String instanceId, int index, int shares, int threshold, byte[] value) {

  private static final int MAX_BYTES = 4096;
  private static final Pattern BODY = Pattern.compile("""
      -----BEGIN MUNIN KEEP UNSEAL SHARE-----
      instance: ([0-9a-f-]{8,64})
      share: ([0-9]{1,3}) of ([0-9]{1,3})
      threshold: ([0-9]{1,3})
      value: ([A-Za-z0-9+/=]{4,1024})
      checksum: ([0-9a-f]{16})
      -----END MUNIN KEEP UNSEAL SHARE-----
      """);

  public ShareFile {
    Objects.requireNonNull(instanceId, "instanceId");
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The share as the crypto layer uses it. */
  public Shamir.Share share() {
    return new Shamir.Share(index, value);
  }

  /** The file text, with a short note for the custodian. */
  public String format() {
    return """
        # Munin Keep unseal share %d of %d for instance %s.
        # Any %d shares unseal the instance: keep unseal --share THIS_FILE
        # Keep this file offline and private. Nobody else should hold it, and no copy belongs in the data directory.
        -----BEGIN MUNIN KEEP UNSEAL SHARE-----
        instance: %s
        share: %d of %d
        threshold: %d
        value: %s
        checksum: %s
        -----END MUNIN KEEP UNSEAL SHARE-----
        """.formatted(index, shares, instanceId, threshold, instanceId, index, shares, threshold,
        Base64.getEncoder().encodeToString(value), checksum());
  }

  /** Parses a share file; every malformed or damaged file gets a message saying so. */
  public static ShareFile parse(String text) {
    if (text == null || text.length() > MAX_BYTES) {
      throw bad("share-malformed", "this is not a Munin Keep share file (empty or larger than 4 KiB)");
    }
    String body = text.replace("\r\n", "\n").lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .reduce(new StringBuilder(), (sb, l) -> sb.append(l.strip()).append('\n'), StringBuilder::append).toString();
    Matcher m = BODY.matcher(body);
    if (!m.matches()) {
      throw bad("share-malformed", "this is not a Munin Keep share file, or it was edited: the block between "
          + "BEGIN and END must be exactly as keep init wrote it");
    }
    int index = Integer.parseInt(m.group(2));
    int shares = Integer.parseInt(m.group(3));
    int threshold = Integer.parseInt(m.group(4));
    if (index < 1 || index > shares || threshold < 2 || threshold > shares || shares > 255) {
      throw bad("share-malformed", "the share numbers are inconsistent (share " + index + " of " + shares
          + ", threshold " + threshold + ")");
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(m.group(5));
    } catch (IllegalArgumentException e) {
      throw bad("share-malformed", "the share value is not valid base64");
    }
    ShareFile parsed = new ShareFile(m.group(1), index, shares, threshold, value);
    if (!MessageDigest.isEqual(parsed.checksum().getBytes(StandardCharsets.US_ASCII),
        m.group(6).getBytes(StandardCharsets.US_ASCII))) {
      throw bad("share-damaged", "share " + index + " is damaged: its checksum does not match its content");
    }
    return parsed;
  }

  private String checksum() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("munin-keep-share-v1|" + instanceId + "|" + index + "|" + shares + "|" + threshold + "|")
          .getBytes(StandardCharsets.UTF_8));
      sha.update(value);
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeepException bad(String type, String message) {
    return KeepException.badInput(type, message);
  }

  @Override
  public String toString() {
    return "ShareFile[instance=" + instanceId + ", share " + index + " of " + shares + ", value redacted]";
  }
}
