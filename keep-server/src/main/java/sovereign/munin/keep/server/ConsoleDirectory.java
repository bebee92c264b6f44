package sovereign.munin.keep.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import sovereign.munin.keep.app.identity.Identity;

/** Names for the ids that records hold (users, projects), looked up once per page, and times as people read them. */
final class ConsoleDirectory {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Map<String, String> users = new HashMap<>();
  private final Map<String, String> projects = new HashMap<>();

  ConsoleDirectory(Identity id) {
    id.users().list().forEach(u -> users.put(u.id(), u.name()));
    id.projects().list().forEach(p -> projects.put(p.id(), p.name()));
  }

  /** The name behind {@code user:<id>} or a bare user id; other actors (the scheduler, tokens) as they are. */
  String user(String actorOrId) {
    if (actorOrId == null) {
      return "";
    }
    String bare = actorOrId.startsWith("user:") ? actorOrId.substring(5) : actorOrId;
    return users.getOrDefault(bare, actorOrId);
  }

  String project(String projectId) {
    return projects.getOrDefault(projectId, projectId);
  }

  static String time(Instant t) {
    return TIME.format(t);
  }

  static String time(long epochMillis) {
    return time(Instant.ofEpochMilli(epochMillis));
  }
}
