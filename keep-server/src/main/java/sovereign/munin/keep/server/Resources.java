package sovereign.munin.keep.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Optional;
import sovereign.munin.keep.app.GenerationCache;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.StateGeneration;
import sovereign.munin.keep.app.identity.Identity;
import sovereign.munin.keep.app.identity.ProjectView;
import sovereign.munin.keep.app.keys.KeyImports;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.governance.Permission;

/**
 * The resources routes are declared on, each with the lookup that finds its project. Built once per server, over
 * the use cases that know the resources.
 */
final class Resources {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_FOR_PROJECT = 1024 * 1024;

  private final Identity identity;
  private final ManagedKeys keys;
  private final KeyImports imports;
  private final StateGeneration generation;
  private final GenerationCache<String, Optional<Target>> keyTargets = new GenerationCache<>(4096);

  Resources(Identity identity, ManagedKeys keys, KeyImports imports, StateGeneration generation) {
    this.identity = identity;
    this.keys = keys;
    this.imports = imports;
    this.generation = generation;
  }

  /** A project named by id or by name in path parameter {@code param}. */
  Resource project(String param) {
    return new Resource(Resource.Kind.PROJECT, param, Permission.PROJECT_READ,
        ctx -> findProject(ctx.pathParam(param)).map(p -> Target.inProject(p.id(), p.name(), p.name())),
        ctx -> notFound("project", ctx.pathParam(param)));
  }

  /** A project named in the JSON body's field {@code field}; a body without one is bad input. */
  Resource bodyProject(String field) {
    return new Resource(Resource.Kind.BODY_PROJECT, field, Permission.PROJECT_READ, ctx -> {
      String name = bodyField(ctx, field);
      return findProject(name).map(p -> Target.inProject(p.id(), p.name(), p.name()));
    }, ctx -> notFound("project", bodyField(ctx, field)));
  }

  /** A managed key named in path parameter {@code param}: callers without key.read in its project do not see it. */
  Resource key(String param) {
    return new Resource(Resource.Kind.KEY, param, Permission.KEY_READ,
        ctx -> keyTargets.get(generation.current(), ctx.pathParam(param), this::keyTarget),
        ctx -> new KeepException(KeepException.Kind.NOT_FOUND, "key-not-found", "no key named '"
            + ctx.pathParam(param) + "'"));
  }

  /** A waiting key import by key name: seen by those who may read keys in its project. */
  Resource keyImport(String param) {
    return new Resource(Resource.Kind.KEY_IMPORT, param, Permission.KEY_READ,
        ctx -> imports.projectOf(ctx.pathParam(param)).map(projectName -> findProject(projectName)
            .map(p -> Target.inProject(p.id(), p.name(), ctx.pathParam(param)))
            .orElse(Target.inProject("", projectName, ctx.pathParam(param)))),
        ctx -> new KeepException(KeepException.Kind.NOT_FOUND, "import-not-found", "no import of a key named '"
            + ctx.pathParam(param) + "' is waiting"));
  }

  /** An access request by id: seen by those who may read access in its project (its requester sees it too). */
  Resource accessRequest(String param) {
    return new Resource(Resource.Kind.ACCESS_REQUEST, param, Permission.ACCESS_READ, ctx -> {
      try {
        String projectId = identity.access().find(ctx.pathParam(param)).project();
        return Optional.of(Target.inProject(projectId, projectName(projectId), ctx.pathParam(param)));
      } catch (KeepException e) {
        return Optional.empty();
      }
    }, ctx -> new KeepException(KeepException.Kind.NOT_FOUND, "request-not-found", "no access request "
        + ctx.pathParam(param)));
  }

  /** A grant in an open review round, by review id and grant id. */
  Resource reviewItem(String reviewParam, String grantParam) {
    return new Resource(Resource.Kind.REVIEW_ITEM, reviewParam + "," + grantParam, Permission.ACCESS_READ,
        ctx -> identity.reviews().openItems().stream()
            .filter(i -> i.reviewId().equals(ctx.pathParam(reviewParam)) && i.grantId().equals(ctx.pathParam(
                grantParam)))
            .findFirst().map(i -> Target.inProject(i.projectId(), projectName(i.projectId()), i.grantId())),
        ctx -> new KeepException(KeepException.Kind.NOT_FOUND, "review-not-found", "no open review item "
            + ctx.pathParam(reviewParam) + "/" + ctx.pathParam(grantParam)));
  }

  /** An API token by id: its owner acts on it, and holders of the route's permission on every token. */
  Resource token(String param) {
    return new Resource(Resource.Kind.TOKEN, param, null,
        ctx -> identity.tokens().byId(ctx.pathParam(param)).map(t -> new Target(null, null, t.id(), t.ownerUserId())),
        ctx -> new KeepException(KeepException.Kind.NOT_FOUND, "token-not-found", "no token '"
            + ctx.pathParam(param) + "' of yours; 'keep token list' shows your tokens and their ids"));
  }

  private Optional<Target> keyTarget(String name) {
    String projectName;
    try {
      projectName = keys.projectOf(name);
    } catch (KeepException e) {
      return Optional.empty();
    }
    // A key whose project no longer exists is seen by global roles only (a null project matches no project role).
    return Optional.of(findProject(projectName).map(p -> Target.inProject(p.id(), p.name(), name))
        .orElse(Target.inProject("", projectName, name)));
  }

  private Optional<ProjectView> findProject(String idOrName) {
    if (idOrName == null || idOrName.isBlank() || idOrName.length() > 200) {
      return Optional.empty();
    }
    return identity.projects().find(idOrName);
  }

  private String projectName(String projectId) {
    try {
      return identity.projects().byId(projectId).name();
    } catch (KeepException e) {
      return projectId;
    }
  }

  private static String bodyField(Context ctx, String field) {
    String body = ctx.body();
    if (body.isBlank() || body.length() > MAX_BODY_FOR_PROJECT) {
      throw KeepException.badInput("project-missing", "name the project in the body's \"" + field + "\" field");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw KeepException.badInput("malformed-json", "the request body is not the JSON this call takes");
    }
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw KeepException.badInput("project-missing", "name the project in the body's \"" + field + "\" field");
    }
    return v.asText();
  }

  private static KeepException notFound(String what, String name) {
    return new KeepException(KeepException.Kind.NOT_FOUND, what + "-not-found", "no " + what + " named '" + name
        + "'");
  }
}
