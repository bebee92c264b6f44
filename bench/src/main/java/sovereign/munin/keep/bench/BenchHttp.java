package sovereign.munin.keep.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The load generator's HTTPS client, which runs on the same two cores as the server: {@code urlconnection}
 * (blocking HttpsURLConnection with keep-alive, the lighter of the two) or {@code httpclient} (java.net.http).
 * Both speak TLS 1.3 with the instance's certificate pinned and keep connections open between requests.
 */
final class BenchHttp implements AutoCloseable {

  /** A finished exchange: status and body text. */
  record Answer(int status, String body) {}

  private final SSLContext tls;
  private final SSLSocketFactory sockets;
  private final HttpClient client;

  BenchHttp(String kind, SSLContext tls, int connections) {
    if (!kind.equals("urlconnection") && !kind.equals("httpclient")) {
      throw new IllegalArgumentException("--client is urlconnection or httpclient");
    }
    // Read once, when the keep-alive cache is first used: allow one idle connection per client.
    System.setProperty("http.maxConnections", Integer.toString(connections));
    this.tls = tls;
    this.sockets = tls.getSocketFactory();
    this.client = kind.equals("httpclient")
        ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build() : null;
  }

  SSLContext tls() {
    return tls;
  }

  Answer post(String url, String token, String json) {
    try {
      return client != null ? viaHttpClient(url, token, json) : viaUrlConnection(url, token, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer viaHttpClient(String url, String token, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  private Answer viaUrlConnection(String url, String token, String json) throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
    c.setSSLSocketFactory(sockets);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Authorization", "Bearer " + token);
    c.setRequestProperty("Content-Type", "application/json");
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    c.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    // Reading the body to its end and closing the stream (not disconnecting) returns the connection to the pool.
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
