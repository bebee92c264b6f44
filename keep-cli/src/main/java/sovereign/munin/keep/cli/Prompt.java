package sovereign.munin.keep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import sovereign.munin.keep.app.KeepException;

/** Reads from the terminal without echo when there is one, else plain lines from standard input. */
final class Prompt {
  private final java.io.Console console = System.console();
  private BufferedReader stdin;

  String line(String label) throws IOException {
    if (console != null) {
      return console.readLine("%s", label);
    }
    return reader().readLine();
  }

  String secret(String label) throws IOException {
    if (console != null) {
      char[] pw = console.readPassword("%s", label);
      return pw == null ? "" : new String(pw);
    }
    String s = reader().readLine();
    if (s == null) {
      throw KeepException.badInput("password-missing", "no password given on standard input");
    }
    return s;
  }

  private BufferedReader reader() {
    if (stdin == null) {
      stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return stdin;
  }
}
