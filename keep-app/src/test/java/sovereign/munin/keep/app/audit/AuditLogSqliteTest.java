package sovereign.munin.keep.app.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;

class AuditLogSqliteTest extends AuditLogContract {

  @Override
  protected KeepInstance newDevInstance(Path base) {
    return TestInstances.open(TestInstances.dev(base, null, null).dataDir());
  }

  @Override
  protected String blob(String text) {
    return "X'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "'";
  }
}
