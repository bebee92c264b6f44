package sovereign.munin.keep.app.keys;

import java.time.Instant;
import java.util.List;
import sovereign.munin.keep.store.keys.KeyVersionRow;

/** What a caller may see of a managed key: metadata, policy and versions, never material. */
public record KeyView(String name, String id, String project, String purpose, String type, String status,
    int rotationDays, int publishDays, int overlapDays, String createdAt, Integer activeVersion,
    List<Version> versions) {

  /** One version's public facts. */
  public record Version(int version, String state, String publicKeyId, String createdAt, String activatedAt,
      String overlapUntil, String retiredAt, String archivedAt, String destroyedAt, String compromisedAt,
      String compromiseReason, long useCount) {}

  static KeyView of(StoredKey k) {
    var key = k.key();
    Integer active = k.inState(VersionState.ACTIVE).map(KeyVersionRow::version).orElse(null);
    return new KeyView(key.name(), key.id(), key.project(), key.purpose(), key.keyType(), key.status(),
        key.rotationDays(), key.publishDays(), key.overlapDays(), time(key.createdAt()), active,
        k.versions().stream().map(KeyView::version).toList());
  }

  private static Version version(KeyVersionRow v) {
    return new Version(v.version(), v.state(), v.publicKeyId(), time(v.createdAt()), time(v.activatedAt()),
        time(v.overlapUntil()), time(v.retiredAt()), time(v.archivedAt()), time(v.destroyedAt()),
        time(v.compromisedAt()), v.compromiseReason(), v.useCount());
  }

  static String time(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }
}
