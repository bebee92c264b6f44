package sovereign.munin.keep.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code keep} command in a process of its own, as a user runs it, for black-box tests. */
final class KeepProcesses {

  private KeepProcesses() {}

  /** Starts {@code keep ARGS...} on this test's class path, its output (both streams) going to {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "sovereign.munin.keep.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("KEEP_HOME");
    pb.environment().remove("KEEP_SERVER");
    return pb.start();
  }

  /** A loopback port nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
