package sovereign.munin.keep.store.identity;

import java.util.Objects;

/**
 * A stored user. Flags are 0/1 integers so one row type fits SQLite and PostgreSQL; {@code totpSecret} is
 * wrapped under the root key, never clear text.
 */
public record UserRow(String id, String name, String role, String passwordHash, int mustChangePassword,
    int disabled, int failedLogins, Long lastFailedAt, byte[] totpSecret, int totpConfirmed, long totpLastStep,
    long createdAt) {

  public UserRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  /** A new, enabled user with no MFA yet. */
  public static UserRow fresh(String id, String name, String role, String passwordHash, boolean mustChange,
      long createdAt) {
    return new UserRow(id, name, role, passwordHash, mustChange ? 1 : 0, 0, 0, null, null, 0, -1, createdAt);
  }

  public boolean isDisabled() { return disabled != 0; }

  public boolean mustChange() { return mustChangePassword != 0; }

  public boolean hasTotp() { return totpConfirmed != 0 && totpSecret != null; }

  @Override
  public String toString() {
    return "UserRow[id=" + id + ", role=" + role + ", disabled=" + disabled + "]";
  }
}
