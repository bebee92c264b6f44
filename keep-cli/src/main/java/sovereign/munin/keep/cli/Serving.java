package sovereign.munin.keep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.server.KeepServer;

/** Runs the server in the foreground until the process is asked to stop, then seals and closes. */
final class Serving {

  private Serving() {}

  /** Fails early, before anything is written, when the port is taken. */
  static void checkPortFree(ListenAddress listen) {
    if (listen.port() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(listen.socketAddress());
    } catch (IOException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "port-in-use", listen
          + " is already in use (another keep server?); choose another with --listen HOST:PORT");
    }
  }

  private static boolean firstAdminStillOnOneTimePassword(KeepInstance instance) {
    try {
      return sovereign.munin.keep.app.identity.Identity.of(instance,
          sovereign.munin.keep.governance.SessionPolicy.DEFAULT).users().byName("admin").mustChangePassword();
    } catch (KeepException e) {
      return false;
    }
  }

  static int serve(DataDirectory dir, ListenAddress override, PrintWriter out, PrintWriter err) {
    KeepInstance instance = KeepInstance.open(dir, System.getenv(), Clock.systemUTC(), new SecureRandom());
    ListenAddress listen = override != null ? override : instance.config().listen();
    KeepServer server;
    try {
      if (!listen.isLoopback()) {
        err.println("keep: warning: listening on " + listen + ", which is not a loopback address");
      }
      server = KeepServer.start(instance, listen);
    } catch (RuntimeException e) {
      instance.close();
      throw e;
    }
    // The CLI finds a server started with --listen (or port 0) through this file, not only keep.toml.
    try {
      java.nio.file.Files.writeString(dir.serverUrl(), server.url() + "\n");
    } catch (IOException e) {
      err.println("keep: warning: cannot record the server's address in " + dir.serverUrl() + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      instance.close();
      try {
        java.nio.file.Files.deleteIfExists(dir.serverUrl());
      } catch (IOException ignored) {
        // a stale file is harmless: the CLI still pins this directory's certificate
      }
      out.println("Munin Keep stopped; the root key is gone from memory (" + dir.root() + ").");
      out.flush();
      stopped.countDown();
    }, "keep-shutdown"));
    if (instance.config().dev()) {
      err.println("""
          keep: WARNING: DEV MODE. The root key sits unencrypted in %s and an admin token in %s.
          keep: WARNING: Never keep real secrets in a dev instance; use 'keep init' with shares for production."""
          .formatted(dir.devUnsealFile(), dir.devAdminToken()));
    }
    var status = instance.seal().status();
    out.println("Munin Keep is serving " + server.url() + "  (data: " + dir.root() + ")");
    out.println(status.sealed()
        ? "Sealed: custodians unseal with 'keep unseal --share FILE' (" + status.threshold() + " shares needed)."
        : "Unsealed and ready: " + server.url() + "/readyz");
    if (instance.config().dev()) {
      out.println("CLI token for this dev instance: " + dir.devAdminToken());
      if (java.nio.file.Files.exists(dir.devAdminPassword())) {
        if (firstAdminStillOnOneTimePassword(instance)) {
          out.println("First admin: user 'admin', one-time password in " + dir.devAdminPassword()
              + " (keep login --name admin, then change it)");
        } else {
          // The admin chose a password of their own: the one-time one no longer works, so neither say nor keep it.
          try {
            java.nio.file.Files.delete(dir.devAdminPassword());
          } catch (IOException e) {
            err.println("keep: warning: cannot remove the used one-time password file " + dir.devAdminPassword());
          }
        }
      }
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
