package sovereign.munin.keep.app;

import java.nio.file.Path;
import java.util.List;

/**
 * What init made: the instance id, the share files for custodians, and the bootstrap admin token (shown once;
 * in dev mode also written to {@code dev-admin.token}), and the first admin's one-time password (shown once; in
 * dev mode also written to {@code dev-admin.password}).
 */
public record InitResult(String instanceId, Path dataDir, boolean dev, List<Path> shareFiles, int threshold,
    ApiTokens.Issued adminToken, Path tlsCert, sovereign.munin.keep.app.identity.OneTimePassword adminPassword) {

  public InitResult {
    shareFiles = List.copyOf(shareFiles);
  }
}
