package sovereign.munin.keep.app.keys;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.crypto.HybridPublicKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.store.keys.CustodianDao;
import sovereign.munin.keep.store.keys.CustodianRow;

/**
 * Backup custodians: a person enrols their own hybrid public key ({@code keep key custodian enrol}); it takes part in
 * backups only after two other people who manage keys everywhere approved it. So no single insider chooses the
 * keys that can open every backup. Each step is audited ({@code custodian.enrol}, {@code custodian.approve},
 * {@code custodian.remove}).
 */
public final class Custodians {

  /** Approvals a custodian key needs, from people other than its owner. */
  public static final int APPROVALS = 2;

  /** An enrolled custodian key as people see it. */
  public record Custodian(String keyId, String userId, String publicKey, String state, List<String> approvedBy,
      long enrolledAt) {}

  private final KeepInstance instance;
  private final Clock clock;

  public Custodians(KeepInstance instance) {
    this.instance = instance;
    this.clock = instance.clock();
  }

  /** Enrols {@code userId}'s own custodian key (PEM), pending until approved. */
  public Custodian enrol(String userId, String publicKeyPem) {
    HybridPublicKey key = parse(publicKeyPem);
    String keyId = key.keyId();
    return instance.state().transaction(h -> {
      var dao = h.attach(CustodianDao.class);
      if (dao.find(keyId).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "custodian-exists", "custodian key " + keyId
            + " is already enrolled");
      }
      CustodianRow row = new CustodianRow(keyId, userId, key.toPem(), clock.millis(), "", "pending");
      dao.insert(row);
      instance.audit().record(h, AuditEvent.success("user:" + userId, "custodian.enrol", "custodian:" + keyId,
          Map.of()));
      return view(row);
    });
  }

  /** One approval by {@code approverUserId}, who is not the custodian and has not approved this key yet. */
  public Custodian approve(String approverUserId, String keyId) {
    return instance.state().transaction(h -> {
      var dao = h.attach(CustodianDao.class);
      CustodianRow row = dao.find(keyId == null ? "" : keyId).orElseThrow(() -> notFound(keyId));
      if (row.state().equals("removed")) {
        throw new KeepException(KeepException.Kind.CONFLICT, "custodian-removed", "custodian key " + keyId
            + " was removed");
      }
      if (row.userId().equals(approverUserId)) {
        throw new KeepException(KeepException.Kind.FORBIDDEN, "custodian-self-approval", "a custodian cannot "
            + "approve their own key; two other people who manage keys approve it");
      }
      List<String> approvals = approvals(row);
      if (approvals.contains(approverUserId)) {
        throw new KeepException(KeepException.Kind.CONFLICT, "already-approved", "you already approved "
            + "custodian key " + keyId + "; a second person approves it");
      }
      if (approvals.size() >= APPROVALS) {
        return view(row);
      }
      List<String> after = new ArrayList<>(approvals);
      after.add(approverUserId);
      String state = after.size() >= APPROVALS ? "active" : "pending";
      if (dao.approve(keyId, row.approvals(), String.join(",", after), state) != 1) {
        throw new KeepException(KeepException.Kind.CONFLICT, "custodian-changed", "custodian key " + keyId
            + " was approved by someone else meanwhile; look at it again");
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("custodian", "user:" + row.userId());
      details.put("approvals", (long) after.size());
      details.put("state", state);
      instance.audit().record(h, AuditEvent.success("user:" + approverUserId, "custodian.approve",
          "custodian:" + keyId, details));
      return view(new CustodianRow(row.keyId(), row.userId(), row.publicKey(), row.enrolledAt(),
          String.join(",", after), state));
    });
  }

  /** Takes a custodian key out of future backups (backups already made still open with it). */
  public void remove(String actor, String keyId) {
    instance.state().transaction(h -> {
      if (h.attach(CustodianDao.class).remove(keyId == null ? "" : keyId) != 1) {
        throw notFound(keyId);
      }
      instance.audit().record(h, AuditEvent.success(actor, "custodian.remove", "custodian:" + keyId, Map.of()));
      return null;
    });
  }

  public List<Custodian> list() {
    return instance.state().read(h -> h.attach(CustodianDao.class).list()).stream().map(Custodians::view).toList();
  }

  /**
   * The recipients of a backup, each named by an approved custodian key: a key nobody enrolled, or one still
   * waiting for its approvals, is refused.
   */
  public List<HybridPublicKey> approvedRecipients(List<String> keyIdsOrPems) {
    List<HybridPublicKey> out = new ArrayList<>();
    for (String given : keyIdsOrPems) {
      String keyId = given.contains("-----BEGIN") ? parse(given).keyId() : given.strip();
      CustodianRow row = instance.state().read(h -> h.attach(CustodianDao.class).find(keyId))
          .orElseThrow(() -> KeepException.badInput("not-a-custodian", "key " + keyId + " is not an enrolled "
              + "custodian key: its owner enrols it ('keep key custodian enrol'), two others approve it"));
      if (!row.state().equals("active")) {
        throw KeepException.badInput("custodian-not-approved", "custodian key " + keyId + " is " + row.state()
            + "; it needs " + APPROVALS + " approvals ('keep key custodian approve " + keyId + "')");
      }
      out.add(parse(row.publicKey()));
    }
    return out;
  }

  private static List<String> approvals(CustodianRow row) {
    return row.approvals().isEmpty() ? List.of() : Arrays.asList(row.approvals().split(","));
  }

  private static Custodian view(CustodianRow r) {
    return new Custodian(r.keyId(), r.userId(), r.publicKey(), r.state(), approvals(r), r.enrolledAt());
  }

  private static HybridPublicKey parse(String pem) {
    if (pem == null || pem.length() > 16 * 1024) {
      throw KeepException.badInput("bad-custodian-key", "send the custodian's hybrid public key (PEM, as 'keep key "
          + "generate --type ml-kem-768-x25519' writes it to NAME.pub)");
    }
    try {
      return HybridPublicKey.fromPem(pem);
    } catch (KeepCryptoException e) {
      throw KeepException.badInput("bad-custodian-key", "not a hybrid public key: " + e.getMessage());
    }
  }

  private static KeepException notFound(String keyId) {
    return new KeepException(KeepException.Kind.NOT_FOUND, "custodian-not-found", "no custodian key " + keyId);
  }
}
