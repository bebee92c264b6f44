package sovereign.munin.keep.app.seal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Shamir;
import sovereign.munin.keep.store.SealConfigRow;

/**
 * The in-memory seal of a running instance: sealed until enough shares (or an automatic seal) yield a root key
 * that passes the stored key check; {@link #seal()} wipes the key and any shares received so far.
 */
public final class SealState {

  private final SealConfigRow config;
  private final Map<Integer, ShareFile> pending = new TreeMap<>();
  private RootKey rootKey;
  private long epoch;

  public SealState(SealConfigRow config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public synchronized SealStatus status() {
    return new SealStatus(rootKey == null, config.kind(), config.instanceId(), config.threshold(), config.shares(),
        pending.size());
  }

  public synchronized boolean isSealed() {
    return rootKey == null;
  }

  /** Adds one custodian's share; when the threshold is reached, reconstructs and checks the root key. */
  public synchronized SealStatus submitShare(ShareFile share) {
    if (!config.kind().equals("shamir")) {
      throw KeepException.badInput("seal-not-shamir", "this instance is sealed with '" + config.kind()
          + "', not with shares; it unseals without custodians");
    }
    if (rootKey != null) {
      throw new KeepException(KeepException.Kind.CONFLICT, "already-unsealed", "the instance is already unsealed");
    }
    if (!share.instanceId().equals(config.instanceId())) {
      throw KeepException.badInput("share-wrong-instance", "this share belongs to instance " + share.instanceId()
          + ", not to this instance (" + config.instanceId() + ")");
    }
    if (share.shares() != config.shares() || share.threshold() != config.threshold()) {
      throw KeepException.badInput("share-wrong-scheme", "this share is from a " + share.threshold() + "-of-"
          + share.shares() + " scheme, but this instance uses " + config.threshold() + "-of-" + config.shares());
    }
    if (pending.containsKey(share.index())) {
      throw new KeepException(KeepException.Kind.CONFLICT, "share-duplicate", "share " + share.index()
          + " was already given; " + (config.threshold() - pending.size()) + " more different share(s) needed");
    }
    pending.put(share.index(), share);
    if (pending.size() < config.threshold()) {
      return status();
    }
    List<Shamir.Share> parts = new ArrayList<>();
    pending.values().forEach(s -> parts.add(s.share()));
    pending.clear();
    SoftwareRootKey candidate;
    try {
      candidate = new SoftwareRootKey(Shamir.combine(parts));
    } catch (KeepCryptoException | IllegalArgumentException e) {
      throw KeepException.badInput("shares-inconsistent", "the shares could not be combined: " + e.getMessage()
          + "; progress was reset, start again with " + config.threshold() + " shares");
    }
    if (!KeyCheck.matches(candidate, config.instanceId(), config.keyCheck())) {
      candidate.close();
      throw KeepException.badInput("shares-wrong", "the " + config.threshold() + " shares do not reconstruct the "
          + "root key: at least one share is wrong or was altered. Progress was reset; start again");
    }
    rootKey = candidate;
    epoch++;
    return status();
  }

  /** Unseals with a root key from an automatic seal (dev file, HSM), after checking it. */
  public synchronized SealStatus unsealWith(RootKey key) {
    if (!KeyCheck.matches(key, config.instanceId(), config.keyCheck())) {
      key.close();
      throw KeepException.badInput("root-key-wrong", "the root key from the '" + config.kind()
          + "' seal does not match this instance's key check");
    }
    if (rootKey != null) {
      rootKey.close();
    }
    rootKey = key;
    epoch++;
    return status();
  }

  /** Wipes the root key and any shares received; the instance refuses key use until unsealed again. */
  public synchronized SealStatus seal() {
    pending.clear();
    if (rootKey != null) {
      rootKey.close();
      rootKey = null;
    }
    epoch++;
    return status();
  }

  /** Changes on every unseal and seal, so holders of material derived from the root key know to drop it. */
  public synchronized long epoch() {
    return epoch;
  }

  /** Runs {@code work} with the root key, or refuses because the instance is sealed. */
  public synchronized <R> R withRootKey(Function<RootKey, R> work) {
    if (rootKey == null) {
      throw new KeepException(KeepException.Kind.SEALED, "sealed", config.kind().equals("shamir")
          ? "the instance is sealed; custodians unseal it with 'keep unseal --share FILE'"
          : "the instance is sealed; an admin unseals it with 'keep unseal' (its " + config.kind() + " seal opens "
              + "itself)");
    }
    return work.apply(rootKey);
  }
}
