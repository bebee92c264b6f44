package sovereign.munin.keep.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.DatabaseUrl;
import sovereign.munin.keep.store.StoreException;

/** The WebAuthn DAOs, run against every database engine. */
abstract class WebAuthnStoreContract {

  private Database db;

  protected abstract DatabaseUrl url();

  @BeforeEach
  void open() {
    db = Database.open(url(), Database.Schema.STATE);
    db.transaction(h -> {
      h.attach(UserDao.class).insert(UserRow.fresh("u1", "alice", "developer", "$argon2id$x", false, 1000));
      h.attach(UserDao.class).insert(UserRow.fresh("u2", "bob", "developer", "$argon2id$x", false, 1000));
      return null;
    });
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static WebAuthnCredentialRow credential(String id, String userId, String credentialId) {
    return new WebAuthnCredentialRow(id, userId, credentialId, new byte[] {1, 2, 3}, 0, "usb,nfc", "key " + id,
        2000, null);
  }

  @Test
  void handle_setOnce_readsBack_andIsUnique() {
    db.transaction(h -> {
      h.attach(WebAuthnDao.class).insertHandle("u1", "handle-1");
      return null;
    });
    Optional<String> handle = db.read(h -> h.attach(WebAuthnDao.class).handleOf("u1"));
    assertThat(handle).contains("handle-1");
    assertThatThrownBy(() -> db.transaction(h -> {
      h.attach(WebAuthnDao.class).insertHandle("u2", "handle-1");
      return null;
    })).isInstanceOf(StoreException.class);
  }

  @Test
  void credentials_insertListFindCount_roundTrip() {
    db.transaction(h -> {
      h.attach(WebAuthnDao.class).insert(credential("w1", "u1", "cred-a"));
      h.attach(WebAuthnDao.class).insert(credential("w2", "u1", "cred-b"));
      h.attach(WebAuthnDao.class).insert(credential("w3", "u2", "cred-c"));
      return null;
    });
    List<WebAuthnCredentialRow> mine = db.read(h -> h.attach(WebAuthnDao.class).listOf("u1"));
    int count = db.read(h -> h.attach(WebAuthnDao.class).countOf("u1"));
    WebAuthnCredentialRow found = db.read(h -> h.attach(WebAuthnDao.class).findByCredentialId("cred-c"))
        .orElseThrow();
    assertThat(mine).extracting(WebAuthnCredentialRow::id).containsExactly("w1", "w2");
    assertThat(count).isEqualTo(2);
    assertThat(found.userId()).isEqualTo("u2");
    assertThat(found.attestedData()).containsExactly(1, 2, 3);
    assertThat(found.transports()).isEqualTo("usb,nfc");
    assertThat(found.lastUsedAt()).isNull();
  }

  @Test
  void credentials_sameCredentialIdTwice_isRefused() {
    db.transaction(h -> {
      h.attach(WebAuthnDao.class).insert(credential("w1", "u1", "cred-a"));
      return null;
    });
    assertThatThrownBy(() -> db.transaction(h -> {
      h.attach(WebAuthnDao.class).insert(credential("w2", "u2", "cred-a"));
      return null;
    })).isInstanceOf(StoreException.class);
    int count = db.read(h -> h.attach(WebAuthnDao.class).countOf("u2"));
    assertThat(count).isZero();
  }

  @Test
  void recordUse_staleCounter_changesNothing() {
    db.transaction(h -> {
      h.attach(WebAuthnDao.class).insert(credential("w1", "u1", "cred-a"));
      return null;
    });
    int first = db.transaction(h -> h.attach(WebAuthnDao.class).recordUse("w1", 0, 5, 3000));
    int stale = db.transaction(h -> h.attach(WebAuthnDao.class).recordUse("w1", 0, 6, 4000));
    WebAuthnCredentialRow row = db.read(h -> h.attach(WebAuthnDao.class).findByCredentialId("cred-a")).orElseThrow();
    assertThat(first).isEqualTo(1);
    assertThat(stale).isZero();
    assertThat(row.signCount()).isEqualTo(5);
    assertThat(row.lastUsedAt()).isEqualTo(3000L);
  }

  @Test
  void delete_onlyTheOwnersCredential() {
    db.transaction(h -> {
      h.attach(WebAuthnDao.class).insert(credential("w1", "u1", "cred-a"));
      h.attach(WebAuthnDao.class).insert(credential("w2", "u1", "cred-b"));
      return null;
    });
    int byOther = db.transaction(h -> h.attach(WebAuthnDao.class).delete("u2", "w1"));
    int byOwner = db.transaction(h -> h.attach(WebAuthnDao.class).delete("u1", "w1"));
    int all = db.transaction(h -> h.attach(WebAuthnDao.class).deleteAllOf("u1"));
    assertThat(byOther).isZero();
    assertThat(byOwner).isEqualTo(1);
    assertThat(all).isEqualTo(1);
  }

  @Test
  void challenges_pendingTakenOnce_andExpiredSwept() {
    byte[] challenge = new byte[32];
    challenge[0] = 7;
    db.transaction(h -> {
      WebAuthnChallengeDao dao = h.attach(WebAuthnChallengeDao.class);
      dao.insert(new WebAuthnChallengeRow("c1", "u1", "login", challenge, 5000));
      dao.insert(new WebAuthnChallengeRow("c2", "u1", "registration", challenge, 1000));
      return null;
    });
    WebAuthnChallengeRow pending = db.read(h -> h.attach(WebAuthnChallengeDao.class).pending("u1", "login"))
        .orElseThrow();
    assertThat(pending.id()).isEqualTo("c1");
    assertThat(pending.challenge()).isEqualTo(challenge);
    assertThat(pending.expiresAt()).isEqualTo(5000);
    int swept = db.transaction(h -> h.attach(WebAuthnChallengeDao.class).deleteExpired(2000));
    int first = db.transaction(h -> h.attach(WebAuthnChallengeDao.class).delete("c1"));
    int again = db.transaction(h -> h.attach(WebAuthnChallengeDao.class).delete("c1"));
    assertThat(swept).isEqualTo(1);
    assertThat(first).isEqualTo(1);
    assertThat(again).isZero();
    Optional<WebAuthnChallengeRow> gone = db.read(h -> h.attach(WebAuthnChallengeDao.class).find("c1"));
    assertThat(gone).isEmpty();
  }

  @Test
  void challenges_deletePendingAndAllOf_touchOnlyThatUser() {
    db.transaction(h -> {
      WebAuthnChallengeDao dao = h.attach(WebAuthnChallengeDao.class);
      dao.insert(new WebAuthnChallengeRow("c1", "u1", "login", new byte[32], 5000));
      dao.insert(new WebAuthnChallengeRow("c2", "u1", "step-up", new byte[32], 5000));
      dao.insert(new WebAuthnChallengeRow("c3", "u2", "login", new byte[32], 5000));
      return null;
    });
    int pending = db.transaction(h -> h.attach(WebAuthnChallengeDao.class).deletePending("u1", "login"));
    int all = db.transaction(h -> h.attach(WebAuthnChallengeDao.class).deleteAllOf("u1"));
    assertThat(pending).isEqualTo(1);
    assertThat(all).isEqualTo(1);
    Optional<WebAuthnChallengeRow> other = db.read(h -> h.attach(WebAuthnChallengeDao.class).find("c3"));
    assertThat(other).isPresent();
  }
}
