package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.governance.Permission;

/**
 * What a route acts on and how that resource's project is found, declared with the route. The authoriser resolves
 * it once, before the handler: a resource the caller may not see ({@code seeWith} in its project) answers the same
 * 404 as one that does not exist.
 *
 * @param kind        the name in the OpenAPI document and the matrix test
 * @param param       the path parameter or body field that names the resource, if any
 * @param seeWith     the permission that lets a caller know the resource exists; null where existence is no secret
 * @param lookup      finds the resource, or empty when there is none
 * @param notFound    the refusal for a missing (or hidden) resource
 */
record Resource(Kind kind, String param, Permission seeWith, Lookup lookup, NotFound notFound) {

  /** The kinds of scope a route can declare. */
  enum Kind {
    /** No resource: a system permission, or a listing whose handler shows only what the caller may see. */
    NONE("none"),
    /** Work across every project: the permission must come from a global role, and the token be unnarrowed. */
    EVERYWHERE("every-project"),
    /** The caller's own account. */
    SELF("own-account"),
    /** A project named by id or name in a path parameter. */
    PROJECT("project"),
    /** A project named in the JSON body. */
    BODY_PROJECT("project-in-body"),
    /** A managed key by name: its project, and key-narrowed tokens' key list. */
    KEY("key"),
    /** An access request by id: its project. */
    ACCESS_REQUEST("access-request"),
    /** A waiting import of outside key material, by key name: its project. */
    KEY_IMPORT("key-import"),
    /** A grant in an access review round: the grant's project. */
    REVIEW_ITEM("review-item"),
    /** An API token by id: its owner may act on it, and holders of the permission on any. */
    TOKEN("token");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }
  }

  /** Finds the resource a request names. */
  @FunctionalInterface
  interface Lookup {
    Optional<Target> find(Context ctx);
  }

  /** The refusal for a resource that is missing or hidden, named after what the request named. */
  @FunctionalInterface
  interface NotFound {
    KeepException of(Context ctx);
  }

  static final Resource NONE = new Resource(Kind.NONE, null, null, ctx -> Optional.of(Target.NONE), null);
  static final Resource EVERYWHERE = new Resource(Kind.EVERYWHERE, null, null, ctx -> Optional.of(Target.NONE),
      null);
  static final Resource SELF = new Resource(Kind.SELF, null, null, ctx -> Optional.of(Target.NONE), null);

  Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(lookup, "lookup");
  }

  /** Whether the route acts inside one project that the lookup finds. */
  boolean projectScoped() {
    return switch (kind) {
      case PROJECT, BODY_PROJECT, KEY, ACCESS_REQUEST, KEY_IMPORT, REVIEW_ITEM -> true;
      default -> false;
    };
  }

  Target resolve(Context ctx) {
    return lookup.find(ctx).orElseThrow(() -> notFound.of(ctx));
  }
}
