package sovereign.munin.keep.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;
import sovereign.munin.keep.store.Database;

class DaoMetadataTest {

  @Test
  void all_listsEverySqlObjectInterfaceOfTheModule() throws IOException, URISyntaxException {
    Path classes = Path.of(Database.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> daos;
    try (Stream<Path> files = Files.walk(classes)) {
      daos = files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
          .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .filter(DaoMetadataTest::isSqlObject).sorted().toList();
    }
    assertThat(daos).as("add new DAOs to DaoMetadata.ALL so their metadata is built once")
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(DaoMetadata.ALL.stream().map(Class::getName).toList());
  }

  private static boolean isSqlObject(String name) {
    try {
      Class<?> c = Class.forName(name);
      return c.isInterface() && Arrays.stream(c.getDeclaredMethods()).anyMatch(DaoMetadataTest::isSql);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isSql(Method m) {
    return m.isAnnotationPresent(SqlQuery.class) || m.isAnnotationPresent(SqlUpdate.class)
        || m.isAnnotationPresent(SqlBatch.class);
  }
}
