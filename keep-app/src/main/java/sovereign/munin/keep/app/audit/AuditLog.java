package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.SealState;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.log.CanonicalJson;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditPersonalDao;
import sovereign.munin.keep.store.audit.AuditWrites;
import sovereign.munin.keep.store.audit.NewAuditEvent;

/**
 * Writes audit events as canonical JSON leaves in the caller's transaction; personal fields become salted
 * commitments in the leaf, with salt and value sealed under the data subject's key beside it.
 */
public final class AuditLog implements AuditSink {

  /** Entry bundles carry a 16-bit length, so a leaf can be at most this long. */
  public static final int MAX_ENTRY_BYTES = 65_535;

  private final Database state;
  private final SealState seal;
  private final SubjectKeys subjects;
  private final Clock clock;
  private final SecureRandom rng;
  private final Runnable onAppend;
  private final EventMacs macs;

  public AuditLog(Database state, Database keys, SealState seal, EventMacs macs, Clock clock, SecureRandom rng,
      Runnable onAppend) {
    this.state = state;
    this.seal = seal;
    this.macs = macs;
    this.clock = clock;
    this.rng = rng;
    this.subjects = new SubjectKeys(keys, clock, rng);
    this.onAppend = onAppend;
  }

  @Override
  public void record(Handle tx, AuditEvent event) {
    long now = clock.millis();
    String eventId = EventIds.next(now, rng);
    Map<String, Object> personalLeaf = new LinkedHashMap<>();
    List<Runnable> personalRows = new ArrayList<>();
    if (!event.personal().isEmpty()) {
      seal.withRootKey(root -> {
        SubjectKeys.Subject subject = subjects.forWriting(root, event.subject());
        try (SecretBytes key = subject.key().orElseThrow()) {
          for (var field : event.personal().entrySet()) {
            byte[] salt = new byte[32];
            rng.nextBytes(salt);
            String commitment = commitment(salt, field.getKey(), field.getValue());
            personalLeaf.put(field.getKey(), Map.of("subject", subject.id(), "commitment", commitment));
            byte[] sealed = sealPersonal(key, salt, field.getValue(), eventId, field.getKey(), subject.id());
            personalRows.add(() -> tx.attach(AuditPersonalDao.class).insert(eventId, field.getKey(), subject.id(),
                sealed));
          }
        }
        return null;
      });
    }
    byte[] entry = leaf(eventId, now, event, personalLeaf);
    AuditWrites.insertEvent(tx, new NewAuditEvent(eventId, now, event.actor(), event.action(),
        event.project(), event.outcome(), Hash.ofLeaf(entry).bytes(), entry, macs.mac(entry)));
    personalRows.forEach(Runnable::run);
    onAppend.run();
  }

  /** Records events without personal data in one transaction of their own (group commit). */
  public void recordAll(List<AuditEvent> events) {
    long now = clock.millis();
    List<NewAuditEvent> rows = new ArrayList<>(events.size());
    for (AuditEvent e : events) {
      if (!e.personal().isEmpty()) {
        throw new IllegalArgumentException("recordAll takes events without personal fields");
      }
      String id = EventIds.next(now, rng);
      byte[] entry = leaf(id, now, e, Map.of());
      rows.add(new NewAuditEvent(id, now, e.actor(), e.action(), e.project(), e.outcome(),
          Hash.ofLeaf(entry).bytes(), entry, macs.mac(entry)));
    }
    state.transaction(h -> {
      AuditWrites.insertEvents(h, rows);
      return null;
    });
    onAppend.run();
  }

  /** Records one event in a transaction of its own. */
  public void recordNow(AuditEvent event) {
    state.transaction(h -> {
      record(h, event);
      return null;
    });
  }

  SubjectKeys subjects() {
    return subjects;
  }

  static byte[] leaf(String eventId, long now, AuditEvent e, Map<String, Object> personal) {
    Map<String, Object> leaf = new LinkedHashMap<>();
    leaf.put("v", 1);
    leaf.put("id", eventId);
    leaf.put("time", Instant.ofEpochMilli(now).toString());
    leaf.put("actor", e.actor());
    leaf.put("action", e.action());
    leaf.put("outcome", e.outcome());
    leaf.put("target", e.target());
    if (e.project() != null) {
      leaf.put("project", e.project());
    }
    if (e.requestId() != null) {
      leaf.put("request", e.requestId());
    }
    if (!e.details().isEmpty()) {
      leaf.put("details", e.details());
    }
    if (!personal.isEmpty()) {
      leaf.put("personal", personal);
    }
    byte[] entry;
    try {
      entry = CanonicalJson.encode(leaf);
    } catch (IllegalArgumentException ex) {
      throw KeepException.badInput("audit-event-invalid", "the audit event cannot be encoded: " + ex.getMessage());
    }
    if (entry.length > MAX_ENTRY_BYTES) {
      throw KeepException.badInput("audit-event-too-large", "an audit event is limited to " + MAX_ENTRY_BYTES
          + " bytes; this one has " + entry.length);
    }
    return entry;
  }

  /** SHA-256 over a domain tag, the salt, the field name and the value: binds the leaf to the erased value. */
  static String commitment(byte[] salt, String field, String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("munin-keep/audit-commitment/v1\0".getBytes(StandardCharsets.US_ASCII));
      sha.update(salt);
      sha.update((field + "\0" + value).getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sealPersonal(SecretBytes key, byte[] salt, String value, String eventId, String field,
      String subjectId) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] plain = new byte[salt.length + v.length];
    System.arraycopy(salt, 0, plain, 0, salt.length);
    System.arraycopy(v, 0, plain, salt.length, v.length);
    try {
      return Aead.seal(key, plain, personalAad(eventId, field, subjectId));
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "seal-failed", "could not seal a personal field", e);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  static byte[] personalAad(String eventId, String field, String subjectId) {
    return ("audit-personal|" + eventId + "|" + field + "|" + subjectId).getBytes(StandardCharsets.UTF_8);
  }
}
