package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.reflect.AccessFlag;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of DESIGN.md, held against the compiled classes: every class, method signature, field and
 * constant a module's main code refers to is read from its class files (so a fully qualified name or a type that
 * only appears in a signature counts as much as an import). keep-server and keep-cli reach state only through
 * keep-app: they refer to no keep-store type and no JDBI type. keep-app's public methods hand out views, never
 * keep-store rows.
 */
class ModuleArrowsTest {

  private static final Pattern MODULE = Pattern.compile("sovereign/munin/keep/([a-z]+)/");
  private static final String JDBI = "org/jdbi/";

  /** The modules each module may refer to: the arrows of DESIGN.md, followed through. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("crypto", Set.of("crypto"));
    ALLOWED.put("governance", Set.of("governance"));
    ALLOWED.put("log", Set.of("log", "crypto"));
    ALLOWED.put("store", Set.of("store", "crypto", "log", "governance"));
    ALLOWED.put("app", Set.of("app", "crypto", "log", "governance", "store"));
    ALLOWED.put("server", Set.of("server", "app", "crypto", "log", "governance"));
    ALLOWED.put("cli", Set.of("cli", "app", "server", "crypto", "log", "governance"));
  }

  /** One class per module, to find where its compiled classes are. */
  private static final Map<String, Class<?>> MARKERS = Map.of(
      "crypto", sovereign.munin.keep.crypto.Signatures.class,
      "governance", sovereign.munin.keep.governance.Role.class,
      "log", sovereign.munin.keep.log.Checkpoint.class,
      "store", sovereign.munin.keep.store.Database.class,
      "app", sovereign.munin.keep.app.KeepInstance.class,
      "server", sovereign.munin.keep.server.KeepServer.class,
      "cli", Main.class);

  @Test
  void everyModule_refersOnlyToModulesItsArrowsReach() throws Exception {
    List<String> violations = new ArrayList<>();
    for (var e : ALLOWED.entrySet()) {
      for (ClassModel c : classes(e.getKey())) {
        for (String used : referencedModules(c)) {
          if (!e.getValue().contains(used)) {
            violations.add("keep-" + e.getKey() + " " + name(c) + " -> keep-" + used);
          }
        }
      }
    }
    assertThat(violations).as("references against the module arrows").isEmpty();
  }

  @Test
  void serverAndCli_doNotTouchTheDatabaseLayer() throws Exception {
    List<String> violations = new ArrayList<>();
    for (String module : List.of("server", "cli")) {
      for (ClassModel c : classes(module)) {
        if (utf8(c).anyMatch(s -> s.contains(JDBI))) {
          violations.add("keep-" + module + " " + name(c) + " refers to JDBI");
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void keepAppPublicMethods_returnViewsNotStoreRows() throws Exception {
    List<String> violations = new ArrayList<>();
    for (ClassModel c : classes("app")) {
      if (!c.flags().has(AccessFlag.PUBLIC)) {
        continue;
      }
      for (MethodModel m : c.methods()) {
        String descriptor = m.methodTypeSymbol().returnType().descriptorString();
        String signature = m.findAttribute(java.lang.classfile.Attributes.signature())
            .map(s -> s.signature().stringValue()).orElse("");
        String returned = signature.isEmpty() ? descriptor : signature.substring(signature.lastIndexOf(')') + 1);
        if (m.flags().has(AccessFlag.PUBLIC) && returned.contains("sovereign/munin/keep/store/")
            && !WIRING.contains(name(c) + "." + m.methodName().stringValue())) {
          violations.add(name(c) + "." + m.methodName().stringValue() + " returns " + returned);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /**
   * The composition root hands its databases to keep-app's own use cases; these accessors are the only public
   * methods of keep-app that return a keep-store type (keep-server and keep-cli cannot call them: see above).
   */
  private static final Set<String> WIRING = Set.of("sovereign.munin.keep.app.KeepInstance.state",
      "sovereign.munin.keep.app.KeepInstance.keys", "sovereign.munin.keep.app.KeepInstance.blobs",
      "sovereign.munin.keep.app.config.KeepConfig.database", "sovereign.munin.keep.app.config.KeepConfig.stateDb",
      "sovereign.munin.keep.app.config.KeepConfig.keysDb");

  /** A module's classes that check itself, so the test cannot pass by finding nothing. */
  @Test
  void theScanFindsEachModulesClasses() throws Exception {
    for (String module : ALLOWED.keySet()) {
      assertThat(classes(module)).as(module).hasSizeGreaterThan(1);
    }
    assertThat(classes("server").stream().flatMap(c -> referencedModules(c).stream())).contains("app");
  }

  private static Set<String> referencedModules(ClassModel c) {
    Set<String> used = new TreeSet<>();
    utf8(c).forEach(s -> {
      Matcher m = MODULE.matcher(s);
      while (m.find()) {
        used.add(m.group(1));
      }
    });
    return used;
  }

  private static Stream<String> utf8(ClassModel c) {
    List<String> out = new ArrayList<>();
    for (PoolEntry p : c.constantPool()) {
      if (p instanceof Utf8Entry u) {
        out.add(u.stringValue());
      }
    }
    return out.stream();
  }

  private static String name(ClassModel c) {
    return c.thisClass().asInternalName().replace('/', '.');
  }

  private static List<ClassModel> classes(String module) throws IOException, URISyntaxException {
    Path where = Path.of(MARKERS.get(module).getProtectionDomain().getCodeSource().getLocation().toURI());
    List<ClassModel> out = new ArrayList<>();
    if (Files.isDirectory(where)) {
      read(where, out);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(where)) {
        read(jar.getPath("/"), out);
      }
    }
    return out;
  }

  private static void read(Path root, List<ClassModel> out) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        if (f.getFileName().toString().equals("module-info.class")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(f)) {
          out.add(ClassFile.of().parse(in.readAllBytes()));
        }
      }
    }
  }
}
