package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.tls.ClientTls;

/** Talks to a Munin Keep server over TLS 1.3, trusting only the pinned CA; problem+json becomes a KeepException. */
final class ApiClient {

  private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final Path ca;
  private final String ownDataDir;

  ApiClient(String base, Path ca) {
    this(base, ca, null);
  }

  /** {@code ownDataDir}: the data directory whose own certificate {@code ca} is, or null for a --ca file. */
  ApiClient(String base, Path ca, String ownDataDir) {
    this.base = base.replaceAll("/+$", "");
    this.ca = ca;
    this.ownDataDir = ownDataDir;
    if (!this.base.startsWith("https://")) {
      throw KeepException.badInput("server-not-https", "the server URL must start with https:// (got " + base + ")");
    }
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), null);
  }

  JsonNode get(String path, String token) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token);
  }

  JsonNode post(String path, Object body, String token) {
    String text;
    try {
      text = JSON.writeValueAsString(body == null ? java.util.Map.of() : body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text));
    return send(b, token);
  }

  private URI uri(String path) {
    try {
      return URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw KeepException.badInput("bad-server-url", "not a valid server URL: " + base);
    }
  }

  private JsonNode send(HttpRequest.Builder b, String token) {
    b.timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpClient client = HttpClient.newBuilder().sslContext(ClientTls.trusting(ca))
        .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    try (client) {
      HttpResponse<InputStream> res = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] bytes;
      try (InputStream in = res.body()) {
        bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "response-too-large", "the server's answer is too large");
      }
      JsonNode node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      if (res.statusCode() >= 400) {
        throw problem(res.statusCode(), node);
      }
      return node;
    } catch (ConnectException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "server-unreachable", "no Munin Keep server answers at "
          + base + " (start one with 'keep server' or 'keep up --dev', or pass --server URL)", e);
    } catch (HttpTimeoutException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "server-timeout", base + " did not answer in time", e);
    } catch (SSLException e) {
      throw tlsFailed(e, e);
    } catch (IOException e) {
      if (e.getCause() instanceof SSLException ssl) {
        throw tlsFailed(ssl, e);
      }
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "server-io", "talking to " + base + " failed: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "interrupted", "interrupted", e);
    }
  }

  private KeepException tlsFailed(SSLException ssl, IOException e) {
    if (ownDataDir != null) {
      return new KeepException(KeepException.Kind.UNAVAILABLE, "not-this-server", base + " is not the server of "
          + ownDataDir + ": it did not present that data directory's certificate (" + ca + "). Another instance "
          + "may be listening there; start this one ('keep server --data " + ownDataDir + "') or name its address "
          + "with --server URL (TLS: " + ssl.getMessage() + ")", e);
    }
    return new KeepException(KeepException.Kind.UNAVAILABLE, "tls-failed", "the TLS connection to " + base
        + " failed: " + ssl.getMessage() + " (is --ca the server's certificate?)", e);
  }

  private static KeepException problem(int status, JsonNode node) {
    String type = node.path("type").asText("").replaceFirst("^urn:munin-keep:problem:", "");
    String detail = node.path("detail").asText("the server answered " + status);
    KeepException.Kind kind = switch (status) {
      case 400, 405, 413, 415, 422 -> KeepException.Kind.BAD_INPUT;
      case 401 -> KeepException.Kind.UNAUTHENTICATED;
      case 403 -> KeepException.Kind.FORBIDDEN;
      case 404 -> KeepException.Kind.NOT_FOUND;
      case 409 -> KeepException.Kind.CONFLICT;
      case 503 -> "sealed".equals(type) ? KeepException.Kind.SEALED : KeepException.Kind.UNAVAILABLE;
      default -> KeepException.Kind.INTERNAL;
    };
    return new KeepException(kind, type.isEmpty() ? "http-" + status : type, detail);
  }
}
