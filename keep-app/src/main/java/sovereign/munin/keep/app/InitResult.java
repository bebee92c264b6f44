package sovereign.munin.keep.app;

import java.nio.file.Path;
import java.util.List;

/**
 * What init made: the instance id, the share files for custodians, and the bootstrap admin token (shown once;
 * in dev mode also written to {@code dev-admin.token}).
 */
public record InitResult(String instanceId, Path dataDir, boolean dev, List<Path> shareFiles, int threshold,
    ApiTokens.Issued adminToken, Path tlsCert) {

  public InitResult {
    shareFiles = List.copyOf(shareFiles);
  }
}
