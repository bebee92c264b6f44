package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.SignatureType;
import sovereign.munin.keep.log.VerifiedNote;
import sovereign.munin.keep.log.VerifiedSignature;
import sovereign.munin.keep.log.VerifierKey;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.CheckpointRow;

/**
 * Witnesses that cosign checkpoints over removable media: registered by their vkeys, their cosignatures imported
 * and checked here. A witness counts for a checkpoint only when every key registered under its name verified.
 */
public final class Witnesses {

  /** What importing one cosignature file did. */
  public record Imported(long treeSize, List<String> witnesses) {}

  private final Database state;
  private final AuditLog audit;
  private final Clock clock;

  public Witnesses(Database state, AuditLog audit, Clock clock) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
  }

  /** Registers a witness key (a C2SP vkey of a cosignature type). */
  public VerifierKey add(String vkey, String actor) {
    VerifierKey key;
    try {
      key = VerifierKey.parse(vkey.strip());
    } catch (LogException | RuntimeException e) {
      throw KeepException.badInput("bad-vkey", "not a witness vkey: " + e.getMessage());
    }
    if (key.type() != SignatureType.COSIGNATURE_ED25519 && key.type() != SignatureType.COSIGNATURE_ML_DSA_65) {
      throw KeepException.badInput("bad-vkey", "a witness key must be a cosignature key (cosignature/v1 Ed25519 or "
          + "the ML-DSA-65 cosignature type), not " + key.type());
    }
    state.transaction(h -> {
      h.attach(AuditCheckpointDao.class).insertWitness(key.name(), key.keyIdHex(), key.vkey(), clock.millis());
      audit.record(h, AuditEvent.success(actor, "audit.witness-add", "witness:" + key.name(),
          Map.of("keyId", key.keyIdHex(), "type", key.type().name())));
      return null;
    });
    return key;
  }

  public List<VerifierKey> keys() {
    List<VerifierKey> out = new ArrayList<>();
    for (String v : state.read(h -> h.attach(AuditCheckpointDao.class).witnessKeys())) {
      try {
        out.add(VerifierKey.parse(v));
      } catch (LogException e) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "witness-key-unusable", e.getMessage(), e);
      }
    }
    return out;
  }

  /** Imports one cosigned checkpoint note (a .cosig file's text). */
  public Imported importNote(byte[] noteBytes, String actor) {
    Note note;
    try {
      note = Note.parse(noteBytes);
    } catch (LogException e) {
      throw KeepException.badInput("bad-cosignature", "not a signed note: " + e.getMessage());
    }
    long size = sizeOf(note.text());
    CheckpointRow cp = state.read(h -> h.attach(AuditCheckpointDao.class).bySize(size)).orElseThrow(() ->
        new KeepException(KeepException.Kind.NOT_FOUND, "no-checkpoint", "this log has no checkpoint of size " + size));
    String ours;
    try {
      ours = Note.parse(cp.note().getBytes(StandardCharsets.UTF_8)).text();
    } catch (LogException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "checkpoint-damaged", e.getMessage(), e);
    }
    if (!ours.equals(note.text())) {
      throw KeepException.badInput("cosigned-other-checkpoint", "the cosigned checkpoint of size " + size
          + " differs from this log's: a fork, or another log");
    }
    List<VerifierKey> registered = keys();
    if (registered.isEmpty()) {
      throw KeepException.badInput("no-witnesses", "no witness is registered; add one with 'keep audit witness add'");
    }
    VerifiedNote verified;
    try {
      verified = NoteVerifier.of(registered, List.of()).verify(note);
    } catch (LogException e) {
      throw KeepException.badInput("cosignature-invalid", "the cosignature does not verify: " + e.getMessage());
    }
    Set<String> ok = verified.verified().stream().map(VerifiedSignature::key).map(VerifierKey::vkey)
        .collect(Collectors.toSet());
    Map<String, List<VerifierKey>> byName = registered.stream().collect(Collectors.groupingBy(VerifierKey::name,
        LinkedHashMap::new, Collectors.toList()));
    List<String> counted = new ArrayList<>();
    byName.forEach((name, ks) -> {
      if (ks.stream().allMatch(k -> ok.contains(k.vkey()))) {
        counted.add(name);
      }
    });
    if (counted.isEmpty()) {
      throw KeepException.badInput("cosignature-incomplete", "no registered witness verified with all of its keys");
    }
    state.transaction(h -> {
      var dao = h.attach(AuditCheckpointDao.class);
      List<String> already = dao.cosigners(size);
      for (String w : counted) {
        if (!already.contains(w)) {
          dao.insertCosignature(size, w, new String(note.encode(), StandardCharsets.UTF_8), clock.millis());
        }
      }
      audit.record(h, AuditEvent.success(actor, "audit.cosignature-import", "checkpoint:" + size,
          Map.of("witnesses", counted)));
      return null;
    });
    return new Imported(size, counted);
  }

  public List<String> cosigners(long size) {
    return state.read(h -> h.attach(AuditCheckpointDao.class).cosigners(size));
  }

  private static long sizeOf(String checkpointText) {
    try {
      return Checkpoint.parse(checkpointText).size();
    } catch (LogException e) {
      throw KeepException.badInput("bad-cosignature", "the cosigned note is not a checkpoint: " + e.getMessage());
    }
  }

}
