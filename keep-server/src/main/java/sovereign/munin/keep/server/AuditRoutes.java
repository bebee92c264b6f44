package sovereign.munin.keep.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditReader;
import sovereign.munin.keep.app.audit.AuditTiles;
import sovereign.munin.keep.app.audit.CheckpointView;
import sovereign.munin.keep.app.audit.EventView;
import sovereign.munin.keep.app.audit.LogKeys;
import sovereign.munin.keep.app.audit.Witnesses;
import sovereign.munin.keep.governance.Permission;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.VerifierKey;

/** The audit log over HTTPS: keys, checkpoints, proofs, search, verification, witnesses, erasure. */
final class AuditRoutes {

  /** Body of an erasure request. */
  record EraseRequest(String subject, String user) {}

  /** Body of a witness registration or a cosignature import. */
  record TextBody(String vkey, String note) {}

  private AuditRoutes() {}

  static void register(RouteTable t, KeepInstance instance, sovereign.munin.keep.app.identity.Identity id) {
    AuditReader reader = instance.auditReader();
    Witnesses witnesses = instance.witnesses();
    String origin = LogKeys.origin(instance.config().instanceId());

    t.get("/api/v1/audit/key").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Log verifier keys and witnesses", (ctx, caller) -> {
      ctx.json(Map.of("origin", origin, "vkeys", instance.logVerifierKeys().stream()
          .map(VerifierKey::vkey).toList(), "witnesses", witnesses.keys().stream().map(VerifierKey::vkey).toList(),
          "witnessQuorum", instance.config().witnessQuorum()));
    });
    t.get("/api/v1/audit/checkpoint").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Latest (or ?size=N) signed checkpoint", (ctx, caller) -> {
      Long size = Params.optionalLong(ctx, "size", 1, Long.MAX_VALUE);
      CheckpointView cp = (size == null ? reader.latest() : reader.bySize(size)).orElseThrow(() ->
          new KeepException(KeepException.Kind.NOT_FOUND, "no-checkpoint", size == null
              ? "the audit log has no checkpoint yet" : "there is no checkpoint of size " + size));
      List<String> cosigners = witnesses.cosigners(cp.treeSize());
      Map<String, Object> m = checkpoint(cp);
      m.put("cosigners", cosigners);
      m.put("witnessQuorum", instance.config().witnessQuorum());
      m.put("final", cosigners.size() >= instance.config().witnessQuorum());
      ctx.json(m);
    });
    t.get("/api/v1/audit/proof").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Inclusion proof", (ctx, caller) -> {
      Long size = Params.optionalLong(ctx, "size", 1, Long.MAX_VALUE);
      String hash = Params.optionalText(ctx, "hash", 64);
      Long index = Params.optionalLong(ctx, "index", 0, Long.MAX_VALUE);
      if ((hash == null) == (index == null)) {
        throw KeepException.badInput("bad-parameter", "give exactly one of index=N or hash=HEX");
      }
      AuditReader.Inclusion inc = hash != null ? reader.inclusionByHash(hash, size) : reader.inclusion(index, size);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("leafIndex", inc.proof().leafIndex());
      m.put("treeSize", inc.proof().treeSize());
      m.put("leafHash", Hash.ofLeaf(inc.event().entry()).toHex());
      m.put("entry", inc.event().entryText());
      m.put("hashes", inc.proof().hashes().stream().map(Hash::toBase64).toList());
      m.put("checkpoint", inc.checkpoint().note());
      ctx.json(m);
    });
    t.get("/api/v1/audit/consistency").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Consistency proof", (ctx, caller) -> {
      Long from = Params.optionalLong(ctx, "from", 1, Long.MAX_VALUE);
      if (from == null) {
        throw KeepException.badInput("bad-parameter", "from=SIZE is required");
      }
      Long to = Params.optionalLong(ctx, "to", 1, Long.MAX_VALUE);
      var proof = reader.consistency(from, to);
      ctx.json(Map.of("oldSize", proof.oldSize(), "newSize", proof.newSize(),
          "hashes", proof.hashes().stream().map(Hash::toBase64).toList()));
    });
    t.get("/api/v1/audit/events").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Search audit events; \"actor\" and \"project\" take names (or ids), answers name both",
            (ctx, caller) -> {
      Long limit = Params.optionalLong(ctx, "limit", 1, 1000);
      var names = new Names(id);
      var q = new AuditReader.Query(names.actorId(Params.optionalText(ctx, "actor", 200)),
          Params.optionalText(ctx, "action", 200), names.projectId(Params.optionalText(ctx, "project", 200)),
          Params.time(ctx, "since", 0), Params.time(ctx, "until", Long.MAX_VALUE), limit == null ? 100
          : limit.intValue());
      ctx.json(reader.search(q).stream().map(e -> {
        Map<String, Object> m = event(e);
        m.put("actorName", names.actorName(e.actor()));
        m.put("projectName", e.project() == null ? null : names.projectName(e.project()));
        return m;
      }).toList());
    });
    t.post("/api/v1/audit/verify").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Verify the whole log", (ctx, caller) -> {
      ctx.json(instance.auditVerifier().verify(n -> { }));
    });
    t.post("/api/v1/audit/erase").needs(Permission.AUDIT_ERASE).by(CallerKind.PEOPLE).stepUp()
        .does("Erase a data subject's personal fields (\"subject\"), or a disabled user's (\"user\": name)",
            (ctx, caller) -> {
      EraseRequest req = ctx.bodyAsClass(EraseRequest.class);
      if (req != null && req.user() != null && req.subject() != null) {
        throw KeepException.badInput("bad-subject", "name either \"subject\" or \"user\", not both");
      }
      var r = req != null && req.user() != null ? instance.erasure().eraseUser(req.user(), caller.auditId())
          : instance.erasure().erase(req == null ? null : req.subject(), caller.auditId());
      ctx.json(Map.of("subjectId", r.subjectId(), "fieldsDeleted", r.fieldsDeleted(), "identityRowsErased",
          r.identityRowsErased(), "scrubbed", r.scrubbed()));
    });
    AuditTiles tiles = instance.auditTiles();
    t.get("/api/v1/audit/tlog/checkpoint").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("C2SP tlog-tiles checkpoint", (ctx, caller) -> {
      CheckpointView cp = reader.latest().orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND,
          "no-checkpoint", "the audit log has no checkpoint yet"));
      ctx.contentType("text/plain; charset=utf-8").result(cp.note());
    });
    t.get("/api/v1/audit/tlog/tile/<path>").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("C2SP tlog-tiles tile or entry bundle", (ctx, caller) -> {
      String path = ctx.pathParam("path");
      if (path.length() > 128) {
        throw KeepException.badInput("bad-tile-path", "tile path too long");
      }
      ctx.contentType("application/octet-stream").result(tiles.read(path));
    });
    t.get("/api/v1/audit/witnesses").needs(Permission.AUDIT_READ).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Witnesses", (ctx, caller) -> {
      ctx.json(witnesses.keys().stream().map(k -> Map.of("name", k.name(), "vkey", k.vkey())).toList());
    });
    t.post("/api/v1/audit/witnesses").needs(Permission.AUDIT_MANAGE).by(CallerKind.PEOPLE).stepUp()
        .does("Register a witness whose cosignatures the log counts", (ctx, caller) -> {
      TextBody body = ctx.bodyAsClass(TextBody.class);
      if (body == null || body.vkey() == null) {
        throw KeepException.badInput("bad-vkey", "send {\"vkey\": \"<witness vkey>\"}");
      }
      VerifierKey k = witnesses.add(body.vkey(), caller.auditId());
      ctx.status(201).json(Map.of("name", k.name(), "vkey", k.vkey()));
    });
    t.post("/api/v1/audit/cosignatures").needs(Permission.AUDIT_MANAGE).by(CallerKind.ALL_BUT_KEY_TOKENS)
        .does("Import witness cosignatures (each is verified)", (ctx, caller) -> {
      TextBody body = ctx.bodyAsClass(TextBody.class);
      if (body == null || body.note() == null) {
        throw KeepException.badInput("bad-cosignature", "send {\"note\": \"<.cosig file text>\"}");
      }
      var imported = witnesses.importNote(body.note().getBytes(StandardCharsets.UTF_8), caller.auditId());
      List<String> all = witnesses.cosigners(imported.treeSize());
      ctx.json(Map.of("treeSize", imported.treeSize(), "witnesses", imported.witnesses(), "cosigners", all,
          "final", all.size() >= instance.config().witnessQuorum()));
    });
  }

  static Map<String, Object> checkpoint(CheckpointView cp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("treeSize", cp.treeSize());
    m.put("root", new Hash(cp.root()).toHex());
    m.put("note", cp.note());
    m.put("createdAt", java.time.Instant.ofEpochMilli(cp.createdAt()).toString());
    return m;
  }

  static Map<String, Object> event(EventView r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leafIndex", r.leafIndex());
    m.put("eventId", r.eventId());
    m.put("time", java.time.Instant.ofEpochMilli(r.createdAt()).toString());
    m.put("actor", r.actor());
    m.put("action", r.action());
    m.put("project", r.project());
    m.put("outcome", r.outcome());
    m.put("entry", r.entryText());
    return m;
  }

  /**
   * People type and read names; the log stores ids ({@code user:<id>}, project ids). Resolves both ways, once per
   * id in a request.
   */
  private static final class Names {
    private final sovereign.munin.keep.app.identity.Identity id;
    private final Map<String, String> users = new java.util.HashMap<>();
    private final Map<String, String> projects = new java.util.HashMap<>();

    Names(sovereign.munin.keep.app.identity.Identity id) {
      this.id = id;
    }

    /** A user name becomes {@code user:<id>}; anything with a colon (user:, token:, system) is kept. */
    String actorId(String actor) {
      if (actor == null || actor.contains(":") || actor.equals("system") || actor.equals("init")) {
        return actor;
      }
      try {
        return "user:" + id.users().byName(actor).id();
      } catch (KeepException e) {
        throw new KeepException(KeepException.Kind.NOT_FOUND, "user-not-found", "no user named '" + actor
            + "' (give a user name, or an actor as the log records it, such as user:u_... or token:...)");
      }
    }

    String projectId(String project) {
      if (project == null) {
        return null;
      }
      return id.projects().find(project).map(p -> p.id()).orElseThrow(() -> new KeepException(
          KeepException.Kind.NOT_FOUND, "project-not-found", "no project named '" + project + "'"));
    }

    String actorName(String actor) {
      if (actor == null || !actor.startsWith("user:")) {
        return actor;
      }
      return users.computeIfAbsent(actor, a -> {
        try {
          return id.users().byId(a.substring("user:".length())).name();
        } catch (KeepException e) {
          return a;
        }
      });
    }

    String projectName(String projectId) {
      return projects.computeIfAbsent(projectId, p -> {
        try {
          return id.projects().byId(p).name();
        } catch (KeepException e) {
          return p;
        }
      });
    }
  }
}
