package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.RootKey;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditKeyDao;

/**
 * One random key per data subject, wrapped by the root key in the key store. Subjects are found by an HMAC of their
 * name, so the key store never holds names; destroying a subject's key makes its personal fields unreadable.
 */
final class SubjectKeys {

  private static final byte[] LOOKUP_AAD = "audit-lookup-key".getBytes(StandardCharsets.UTF_8);

  /** A subject's id and, unless erased, its key. */
  record Subject(String id, Optional<SecretBytes> key) {}

  private final Database keys;
  private final Clock clock;
  private final SecureRandom rng;

  SubjectKeys(Database keys, Clock clock, SecureRandom rng) {
    this.keys = keys;
    this.clock = clock;
    this.rng = rng;
  }

  /** The subject's live key, created on first use; refuses a subject that was erased. */
  Subject forWriting(RootKey root, String subject) {
    String lookup = lookup(root, subject);
    Optional<AuditKeyDao.SubjectRow> row = keys.read(h -> h.attach(AuditKeyDao.class).subjectByLookup(lookup));
    if (row.isPresent()) {
      if (row.get().wrappedKey() == null) {
        throw new KeepException(KeepException.Kind.CONFLICT, "subject-erased", "this data subject was erased; "
            + "new personal data about them is not recorded");
      }
      return new Subject(row.get().subjectId(), Optional.of(unwrap(root, row.get())));
    }
    String id = "s-" + UUID.randomUUID();
    try (SecretBytes key = SecretBytes.random(32, rng)) {
      byte[] raw = key.copyBytes();
      byte[] wrapped = root.wrap(raw, aad(id));
      java.util.Arrays.fill(raw, (byte) 0);
      keys.transaction(h -> {
        h.attach(AuditKeyDao.class).insertSubject(id, lookup, wrapped, clock.millis());
        return null;
      });
    }
    return forWriting(root, subject);
  }

  /** The subject's record, if the log has ever held personal data about them. */
  Optional<AuditKeyDao.SubjectRow> find(RootKey root, String subject) {
    String lookup = lookup(root, subject);
    return keys.read(h -> h.attach(AuditKeyDao.class).subjectByLookup(lookup));
  }

  /** The key of a subject id, empty once erased. */
  Optional<SecretBytes> keyOf(RootKey root, String subjectId) {
    return keys.read(h -> h.attach(AuditKeyDao.class).subjectById(subjectId))
        .filter(r -> r.wrappedKey() != null).map(r -> unwrap(root, r));
  }

  private SecretBytes unwrap(RootKey root, AuditKeyDao.SubjectRow row) {
    byte[] raw = root.unwrap(row.wrappedKey(), aad(row.subjectId()));
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private String lookup(RootKey root, String subject) {
    byte[] key = lookupKey(root);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(subject.strip().toLowerCase(java.util.Locale.ROOT)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  private synchronized byte[] lookupKey(RootKey root) {
    Optional<byte[]> wrapped = keys.read(h -> h.attach(AuditKeyDao.class).lookupKey());
    if (wrapped.isPresent()) {
      return root.unwrap(wrapped.get(), LOOKUP_AAD);
    }
    byte[] fresh = new byte[32];
    rng.nextBytes(fresh);
    byte[] w = root.wrap(fresh, LOOKUP_AAD);
    keys.transaction(h -> {
      h.attach(AuditKeyDao.class).insertLookupKey(w);
      return null;
    });
    return fresh;
  }

  private static byte[] aad(String subjectId) {
    return ("audit-subject-key|" + subjectId).getBytes(StandardCharsets.UTF_8);
  }
}
