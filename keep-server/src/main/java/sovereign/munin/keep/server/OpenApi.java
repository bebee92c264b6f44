package sovereign.munin.keep.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.Version;

/** The OpenAPI 3.1 document, generated from the route table so that it cannot drift from the router. */
final class OpenApi {

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

  private OpenApi() {}

  static void register(RouteTable t) {
    t.get("/api/v1/openapi.json").open().does("This OpenAPI 3.1 document, with each route's authorisation "
        + "declaration", (ctx, caller) -> ctx.json(document(t.routes())));
  }

  static Map<String, Object> document(List<RouteSpec> routes) {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (RouteSpec r : routes) {
      if (ConsoleRoutes.owns(r.path())) {
        continue; // HTML pages for browsers, not part of the API
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
      item.put(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", Map.of("title", "Munin Keep API", "version", Version.VALUE));
    doc.put("paths", paths);
    doc.put("components", Map.of("securitySchemes", Map.of(
        "token", Map.of("type", "http", "scheme", "bearer"),
        "session", Map.of("type", "apiKey", "in", "cookie", "name", Authenticator.COOKIE))));
    return doc;
  }

  private static Map<String, Object> operation(RouteSpec r) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", r.method().toLowerCase(java.util.Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
    op.put("summary", r.summary());
    op.put("x-permission", r.access());
    op.put("x-step-up", r.stepUp());
    op.put("x-fresh-mfa", r.freshMfa().id());
    op.put("x-resource", r.resource().param() == null ? r.resource().kind().id()
        : r.resource().kind().id() + ":" + r.resource().param());
    op.put("x-callers", r.open() ? List.of("anyone") : r.callers().stream().map(CallerKind::id).sorted().toList());
    op.put("x-while-sealed", r.whileSealed());
    op.put("security", r.access().equals(RouteSpec.PUBLIC) ? List.of()
        : List.of(Map.of("token", List.of()), Map.of("session", List.of())));
    List<Object> params = new ArrayList<>();
    Matcher m = PARAM.matcher(r.path());
    while (m.find()) {
      params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    op.put("responses", Map.of("default", Map.of("description", "JSON, or RFC 9457 problem+json on failure")));
    return op;
  }
}
