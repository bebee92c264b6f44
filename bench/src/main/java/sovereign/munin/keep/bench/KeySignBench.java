package sovereign.munin.keep.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.app.tls.ClientTls;
import sovereign.munin.keep.governance.SessionPolicy;
import sovereign.munin.keep.server.KeepServer;

/**
 * ML-DSA-65 sign requests over HTTPS (TLS 1.3, token authentication, authorisation, cached unwrapped key, one
 * durable audit event per signature) against the raw in-process JDK ML-DSA-65 sign rate on both cores, measured in
 * the same run. Verify requests too.
 */
public final class KeySignBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  private static final java.lang.management.CompilationMXBean JIT =
      java.lang.management.ManagementFactory.getCompilationMXBean();

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(BenchInstances.arg(args, "--seconds", "15"));
    int clients = Integer.parseInt(BenchInstances.arg(args, "--clients", "32"));
    // Steady state, as a long-running server sees it: on 2 saturated cores the JIT needs about a minute to compile
    // the server's request path (TLS, Jetty, routing, the audit write), while the raw loop is one small method.
    int warmup = Integer.parseInt(BenchInstances.arg(args, "--warmup", "60"));
    String pg = BenchInstances.arg(args, "--postgres", null);
    List<String> ops = List.of(BenchInstances.arg(args, "--ops", "sign,verify").split(","));
    // The load generator shares the two cores with the server: by default each client is a platform thread with one
    // keep-alive TLS connection that writes prepared request bytes and reads whole answers (RawHttps), the least
    // work a client can do; urlconnection and httpclient are the JDK's clients, for comparison.
    String clientKind = BenchInstances.arg(args, "--client", "raw");
    String clientThreads = BenchInstances.arg(args, "--client-threads", "platform");
    byte[] message = new byte[256];
    new java.security.SecureRandom().nextBytes(message);

    double raw = rawSignRate(seconds, warmup);
    System.out.printf("raw JDK ML-DSA-65 sign, %d threads in process: %,.0f signs/s (warm-up %d s, then %d s "
        + "measured per phase)%n", Runtime.getRuntime().availableProcessors(), raw, warmup, seconds);

    double signRate = 0;
    try (KeepInstance instance = BenchInstances.open(pg);
         KeepServer server = KeepServer.start(instance, ListenAddress.parse("127.0.0.1:0"));
         BenchHttp http = new BenchHttp(clientKind.equals("raw") ? "urlconnection" : clientKind,
             ClientTls.trusting(instance.config().tlsCert()), clients)) {
      String owner = projectOwnerToken(instance, "bench");
      post(http, server, owner, "/api/v1/keys", Map.of("name", "bench-signing", "project", "bench",
          "purpose", "signing", "type", "ml-dsa-65"));
      // What a build machine holds: a token narrowed to the one key (machine tokens must be, to use private keys).
      String token = post(http, server, owner, "/api/v1/tokens", Map.of("label", "bench", "projects",
          List.of("bench"), "keys", List.of("bench-signing"), "days", 1)).path("token").asText();
      String body = JSON.writeValueAsString(Map.of("message", Base64.getEncoder().encodeToString(message)));
      JsonNode one = post(http, server, token, "/api/v1/keys/bench-signing/sign", body);
      String verifyBody = JSON.writeValueAsString(Map.of("message", Base64.getEncoder().encodeToString(message),
          "signature", one.path("signature").asText()));
      for (String op : ops) {
        String b = op.equals("sign") ? body : verifyBody;
        long[] lat = new long[2_000_000];
        AtomicLong n = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        // Floors, what a request costs on this machine before any key is used: healthz is TLS, HTTP and the
        // framework only; me adds the token's authentication (the state counter read) and a JSON answer.
        String path = switch (op) {
          case "healthz" -> "/healthz";
          case "me" -> "/api/v1/auth/me";
          default -> "/api/v1/keys/bench-signing/" + op;
        };
        boolean get = op.equals("healthz") || op.equals("me");
        if (get && !clientKind.equals("raw")) {
          throw new IllegalArgumentException("--ops " + op + " needs --client raw");
        }
        Thread.Builder threads = clientThreads.equals("platform") ? Thread.ofPlatform() : Thread.ofVirtual();
        for (int c = 0; c < clients; c++) {
          ts.add(threads.start(() -> {
            try (Exchange exchange = clientKind.equals("raw") ? raw(http.tls(), server, path, token, get ? null : b)
                : () -> send(http, server, token, path, b)) {
              while (!stop.get()) {
                long s = System.nanoTime();
                exchange.run();
                long e = System.nanoTime();
                if (s > warmEnd) {
                  long i = n.getAndIncrement();
                  if (i < lat.length) {
                    lat[(int) i] = e - s;
                  }
                }
              }
            }
          }));
        }
        Thread.sleep(warmup * 1000L);
        long t0 = System.nanoTime();
        long n0 = n.get();
        long cpu0 = OS.getProcessCpuTime();
        long jit0 = JIT.getTotalCompilationTime();
        Thread.sleep(seconds * 1000L);
        long elapsed = System.nanoTime() - t0;
        long done = n.get() - n0;
        double rate = done / (elapsed / 1e9);
        // What a request costs on the cores, everything in this process included (the clients too), and whether
        // the JIT was still compiling: the per-request figure is the one a target ratio has to fit into.
        double cpuMs = (OS.getProcessCpuTime() - cpu0) / 1e6;
        String cost = String.format("CPU %.2f of %d cores, %.3f ms per request; JIT compiling %.1f s of it",
            cpuMs / (elapsed / 1e6), Runtime.getRuntime().availableProcessors(), cpuMs / Math.max(1, done),
            (JIT.getTotalCompilationTime() - jit0) / 1e3);
        stop.set(true);
        for (Thread t : ts) {
          t.join();
        }
        if (op.equals("sign")) {
          signRate = rate;
        }
        long[] sorted = java.util.Arrays.copyOf(lat, (int) Math.min(n.get(), lat.length));
        java.util.Arrays.sort(sorted);
        System.out.printf("%s over HTTPS, %d concurrent clients (%s, %s audit log): %,.0f requests/s, p50 %.1f ms, "
            + "p99 %.1f ms%s%n", op, clients, clientKind + " client, " + clientThreads + " threads",
            pg == null ? "SQLite" : "PostgreSQL", rate,
            BenchInstances.percentile(sorted, 50) / 1e6, BenchInstances.percentile(sorted, 99) / 1e6,
            op.equals("sign") ? String.format("; %.0f%% of the raw sign rate", 100 * rate / raw) : "");
        System.out.println("  " + cost);
      }
    }
    // The raw rate again after the server has stopped: the ratio is taken against the better of the two, so a
    // machine that got busier during the HTTPS phase cannot flatter the result.
    double rawAfter = rawSignRate(seconds, warmup);
    double best = Math.max(raw, rawAfter);
    System.out.printf("raw JDK ML-DSA-65 sign again after the HTTPS runs: %,.0f signs/s%n", rawAfter);
    if (signRate > 0) {
      System.out.printf("sign over HTTPS against the better raw figure (%,.0f signs/s): %.0f%%%n", best,
          100 * signRate / best);
      int cores = Runtime.getRuntime().availableProcessors();
      System.out.printf("at 70%% of that rate a sign request may cost %.3f ms of CPU in all, of which the signature "
          + "itself is %.3f ms%n", cores * 1e3 / (0.7 * best), cores * 1e3 / best);
    }
  }

  private static double rawSignRate(int seconds, int warmup) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("ML-DSA-65");
    KeyPair kp = kpg.generateKeyPair();
    byte[] msg = new byte[256];
    int threads = Runtime.getRuntime().availableProcessors();
    AtomicLong n = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ts.add(Thread.ofPlatform().start(() -> {
        try {
          Signature s = Signature.getInstance("ML-DSA-65");
          s.initSign(kp.getPrivate());
          while (!stop.get()) {
            s.update(msg);
            s.sign();
            n.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    Thread.sleep(Math.max(3, Math.min(warmup, 10)) * 1000L);
    long n0 = n.get();
    long t0 = System.nanoTime();
    Thread.sleep(Math.min(seconds, 10) * 1000L);
    double rate = (n.get() - n0) / ((System.nanoTime() - t0) / 1e9);
    stop.set(true);
    for (Thread t : ts) {
      t.join();
    }
    return rate;
  }

  /** One measured exchange with the server; throws if the answer is not a success. */
  private interface Exchange extends AutoCloseable {
    void run();

    @Override
    default void close() {}
  }

  /** An exchange over this client thread's own {@link RawHttps} connection, with the request bytes built once. */
  private static Exchange raw(javax.net.ssl.SSLContext tls, KeepServer server, String path, String token,
      String body) {
    try {
      RawHttps c = new RawHttps(tls, java.net.URI.create(server.url()));
      byte[] request = body == null ? c.get(path, path.equals("/healthz") ? null : token)
          : c.request(path, token, body);
      return new Exchange() {
        @Override
        public void run() {
          try {
            BenchHttp.Answer r = c.send(request);
            if (r.status() != 200) {
              throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }

        @Override
        public void close() {
          try {
            c.close();
          } catch (java.io.IOException e) {
            // The run is over; a connection that fails to close changes no figure.
          }
        }
      };
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A measured request: the answer must be a success; its body is not parsed (the server did that work). */
  private static void send(BenchHttp http, KeepServer server, String token, String path, String body) {
    BenchHttp.Answer r = http.post(server.url() + path, token, body);
    if (r.status() != 200) {
      throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
    }
  }

  private static JsonNode post(BenchHttp http, KeepServer server, String token, String path, Object body) {
    try {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      BenchHttp.Answer r = http.post(server.url() + path, token, text);
      if (r.status() >= 300) {
        throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The login token of a new project owner of {@code project}, who creates the key and mints the machine token. */
  private static String projectOwnerToken(KeepInstance instance, String project) {
    var identity = sovereign.munin.keep.app.identity.Identity.of(instance,
        sovereign.munin.keep.governance.SessionPolicy.DEFAULT);
    var user = identity.users().create("bench", "bench-owner", "developer");
    identity.users().changePassword(user.id(), user.password().value(), "a long benchmark passphrase");
    identity.projects().create("bench", project, "bench-owner");
    // Stands for a person who has just signed in with MFA: creating the key is a sensitive action.
    return instance.state().transaction(h -> instance.tokens().issueLogin(h, user.id(),
        java.time.Duration.ofHours(1), true)).secret();
  }

  private KeySignBench() {}

}
