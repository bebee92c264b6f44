package sovereign.munin.keep.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.BindException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.keys.Custodians;
import sovereign.munin.keep.app.keys.KeyBackups;
import sovereign.munin.keep.app.keys.KeyImports;
import sovereign.munin.keep.app.keys.KeyOperations;
import sovereign.munin.keep.app.keys.KeyRestore;
import sovereign.munin.keep.app.keys.ManagedKeys;
import sovereign.munin.keep.app.keys.RotationScheduler;
import sovereign.munin.keep.app.keys.TrustFiles;
import sovereign.munin.keep.app.tls.ServerCertificate;
import sovereign.munin.keep.governance.SessionPolicy;

/** The HTTPS API over one instance: TLS 1.3 only, problem+json errors, no outbound connections. */
public final class KeepServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KeepServer.class);

  /** How often the key rotation scheduler looks for due work. */
  private static final long ROTATION_PERIOD_SECONDS = 60;

  private final Javalin app;
  private final KeepInstance instance;
  private final RotationScheduler rotation;

  private final RouteTable table;
  private final sovereign.munin.keep.app.identity.ReviewScheduler reviews;

  private KeepServer(Javalin app, KeepInstance instance, RotationScheduler rotation, RouteTable table,
      sovereign.munin.keep.app.identity.ReviewScheduler reviews) {
    this.app = app;
    this.instance = instance;
    this.rotation = rotation;
    this.table = table;
    this.reviews = reviews;
  }

  /** What the router actually serves, as "METHOD path", for holding the route table against it. */
  java.util.List<String> servedRoutes() {
    java.util.Set<String> methods = java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> methods.contains(e.endpoint.method.toString().toUpperCase(java.util.Locale.ROOT)))
        .map(e -> e.endpoint.method.toString().toUpperCase(java.util.Locale.ROOT) + " " + e.endpoint.path).toList();
  }

  /** The declared routes, with the access each needs. */
  RouteTable routes() {
    return table;
  }

  /** Starts serving; a busy port or unreadable TLS material is reported as a {@link KeepException}. */
  public static KeepServer start(KeepInstance instance, ListenAddress listen) {
    return start(instance, listen, instance.config().sessions());
  }

  /** Starts serving with the given session timeouts. */
  public static KeepServer start(KeepInstance instance, ListenAddress listen,
      sovereign.munin.keep.governance.SessionPolicy sessions) {
    return start(instance, listen, sessions, false);
  }

  /**
   * Starts serving; with {@code probe}, every route's handler is replaced by one that only answers that the caller
   * was authorised, so tests can hold the authoriser's decisions against the policy with no side effects.
   */
  static KeepServer start(KeepInstance instance, ListenAddress listen,
      sovereign.munin.keep.governance.SessionPolicy sessions, boolean probe) {
    byte[] pw = new byte[24];
    new SecureRandom().nextBytes(pw);
    char[] password = Base64.getEncoder().encodeToString(pw).toCharArray();
    ServerCertificate.replaceCaCertificate(instance.config().tlsCert(), instance.config().tlsKey(),
        instance.clock(), new SecureRandom()).ifPresent(LOG::warn);
    KeyStore keyStore = ServerCertificate.serverKeyStore(instance.config().tlsCert(), instance.config().tlsKey(),
        password);
    ObjectMapper mapper = JavalinJackson.defaultMapper();
    // WebAuthn origins name the port actually bound, known only once the server started (port 0 in tests).
    var boundPort = new java.util.concurrent.atomic.AtomicInteger(listen.port());
    var identity = sovereign.munin.keep.app.identity.Identity.of(instance, sessions, listen.host(), boundPort::get);
    Authenticator auth = new Authenticator(identity, instance.generation(), instance.seal(), instance.clock());
    ManagedKeys keys = new ManagedKeys(instance, new SecureRandom());
    RotationScheduler rotation = new RotationScheduler(instance, keys);
    KeyOperations ops = new KeyOperations(instance, keys);
    TrustFiles trust = new TrustFiles(instance, keys, ops);
    RouteTable table = new RouteTable();
    KeyImports imports = new KeyImports(instance, keys, new SecureRandom());
    Resources resources = new Resources(identity, keys, imports, instance.generation());
    // The router tries routes in the order they were added: the key uses, the busiest calls, go first.
    KeyUseRoutes.register(table, ops, resources);
    SysRoutes.register(table, instance);
    AuditRoutes.register(table, instance, identity);
    AuthRoutes.register(table, identity);
    MfaRoutes.register(table, identity, resources);
    WebAuthnRoutes.register(table, identity);
    IdentityRoutes.register(table, identity, resources);
    AccessRoutes.register(table, identity, instance.clock(), resources);
    KeyRoutes.register(table, instance, keys, resources, identity);
    RotationRoutes.register(table, instance, rotation);
    TokenRoutes.register(table, instance, identity, keys, resources);
    TrustRoutes.register(table, trust, resources);
    BackupRoutes.register(table, keys, new KeyBackups(instance, keys, ops, trust, new SecureRandom()),
        new KeyRestore(instance, new SecureRandom()));
    CustodianRoutes.register(table, new Custodians(instance));
    KeyImportRoutes.register(table, imports, resources, identity);
    OpenApi.register(table);
    ConsoleRoutes.register(table, instance, identity, resources);
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      // Platform threads from Jetty's pool: the heavy requests (signing) are CPU-bound, and on two cores a pool of
      // platform threads served 10-15% more signatures per second than virtual threads did (ADR 0015).
      cfg.concurrency.useVirtualThreads = false;
      cfg.http.maxRequestSize = 1024 * 1024;
      cfg.http.strictContentTypes = false;
      cfg.jsonMapper(new JavalinJackson(mapper, true));
      cfg.jetty.addConnector((server, httpConfig) ->
          HttpsConnector.create(server, httpConfig, listen, keyStore, password));
      SecurityHeaders.install(cfg);
      ErrorHandling.install(cfg);
      table.install(cfg, new DeniedAccess(instance, auth), instance, probe);
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      if (causedBy(e, BindException.class)) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "port-in-use", listen
            + " is already in use (another keep server?); choose another with --listen HOST:PORT", e);
      }
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "server-start-failed",
          "the server could not start on " + listen + ": " + e.getMessage(), e);
    }
    boundPort.set(portOf(app));
    instance.sequencer().start();
    rotation.start(ROTATION_PERIOD_SECONDS);
    var reviews = new sovereign.munin.keep.app.identity.ReviewScheduler(identity.reviews());
    reviews.start();
    KeepServer server = new KeepServer(app, instance, rotation, table, reviews);
    LOG.info("Munin Keep listening on {} (TLS 1.3)", server.url());
    return server;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t) || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return portOf(app);
  }

  private static int portOf(Javalin app) {
    for (var c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc) {
        return sc.getLocalPort();
      }
    }
    throw new IllegalStateException("no connector");
  }

  /** The base URL clients use. */
  public String url() {
    ListenAddress l = instance.config().listen();
    String host = app.jettyServer().server().getConnectors()[0] instanceof ServerConnector sc && sc.getHost() != null
        ? sc.getHost() : l.host();
    return new ListenAddress(host, port()).url();
  }

  public KeepInstance instance() {
    return instance;
  }

  @Override
  public void close() {
    rotation.close();
    reviews.close();
    app.stop();
  }
}
