package sovereign.munin.keep.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import sovereign.munin.keep.app.KeepException;

/** Entry point of the {@code keep} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line and returns its exit status (also used by tests, in-process). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    KeepCommand root = new KeepCommand();
    CommandLine cmd = new CommandLine(root);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler((e, line, parse) -> {
      int code = exitCode(e);
      if (root.json) {
        // Scripts asked for JSON: the error is JSON too, on stderr, with the problem type to branch on.
        java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", e instanceof KeepException ke ? ke.type() : "internal");
        problem.put("detail", message(e));
        problem.put("exit", code);
        Output.json(line.getErr(), java.util.Map.of("error", problem));
      } else {
        line.getErr().println("keep: " + message(e));
      }
      line.getErr().flush();
      return code;
    });
    return cmd.execute(args);
  }

  static String message(Throwable e) {
    if (e instanceof KeepException ke) {
      return ke.getMessage();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** 1 refused input or state, 3 sealed or unavailable, 4 not authorised, 70 internal; picocli uses 2 for usage. */
  static int exitCode(Throwable e) {
    if (!(e instanceof KeepException ke)) {
      return 70;
    }
    return switch (ke.kind()) {
      case BAD_INPUT, CONFLICT, NOT_FOUND -> 1;
      case SEALED, UNAVAILABLE -> 3;
      case UNAUTHENTICATED, FORBIDDEN -> 4;
      case INTERNAL -> 70;
    };
  }
}
