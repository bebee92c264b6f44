package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keep key rotate-due}: apply every key's rotation policy now (or at a simulated time, dev only). */
@Command(name = "rotate-due", mixinStandardHelpOptions = true,
    description = {"Run the rotation policy now: publish next versions, rotate due keys, retire ended overlaps.",
        "The server also does this every minute. --now TIME simulates a time, on a dev instance only."})
final class KeyRotateDueCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Option(names = "--now", paramLabel = "TIME", description = "Act as if it were TIME (dev instances only).")
  String now;

  @Override
  public Integer call() {
    Map<String, Object> body = new HashMap<>();
    body.put("now", now);
    JsonNode r = key.keep.api().post("/api/v1/keys/rotate-due", body, key.keep.token());
    var w = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(w, r);
    } else if (r.path("actions").isEmpty()) {
      w.println("Nothing due.");
    } else {
      for (JsonNode a : r.path("actions")) {
        w.println(a.path("action").asText() + " " + a.path("key").asText() + " v" + a.path("version").asInt());
      }
    }
    return 0;
  }
}
