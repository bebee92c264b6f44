package sovereign.munin.keep.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One keep-alive HTTP/1.1 connection over TLS 1.3 that sends POST requests and reads whole answers, with nothing
 * else in the way: the load generator's lightest client, so that the two cores go to the server under test (in the
 * spirit of wrk). It reads in bulk into one buffer and parses the headers once. The server certificate is checked
 * against the pinned anchor and the host name.
 */
final class RawHttps implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final String host;
  private final SSLSocket socket;
  private final OutputStream out;
  private final InputStream in;
  /** Answer bytes read but not yet consumed: headers, and the start of the body that arrived with them. */
  private final byte[] buf = new byte[64 * 1024];
  private int filled;
  private int scanned;

  RawHttps(SSLContext tls, URI base) throws IOException {
    this.host = base.getHost() + ":" + base.getPort();
    socket = (SSLSocket) tls.getSocketFactory().createSocket(base.getHost(), base.getPort());
    SSLParameters p = socket.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    p.setProtocols(new String[] {"TLSv1.3"});
    socket.setSSLParameters(p);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000);
    socket.startHandshake();
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** The request bytes for a POST of {@code json} to {@code path} with a bearer token; build once, send many. */
  byte[] request(String path, String token, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** The request bytes for a GET of {@code path}, with a bearer token when {@code token} is not null. */
  byte[] get(String path, String token) {
    String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
    return head.getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends prepared request bytes and reads the whole answer (Content-Length framing). */
  BenchHttp.Answer send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    // Read until the blank line that ends the headers; whatever follows it in the buffer is the body's start.
    int headEnd;
    while ((headEnd = headerEnd()) < 0) {
      if (filled == buf.length) {
        throw new IOException("answer headers over " + buf.length + " bytes");
      }
      fill();
    }
    String head = new String(buf, 0, headEnd, StandardCharsets.US_ASCII);
    int bodyStart = headEnd + 4;
    if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + head.lines().findFirst().orElse(""));
    }
    int status = Integer.parseInt(head.substring(9, 12));
    int length = -1;
    for (String h : head.split("\r\n")) {
      if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
        throw new IOException("chunked answers are not expected here: " + h);
      }
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException("answer without a usable Content-Length (" + length + ")");
    }
    byte[] body = new byte[length];
    int have = Math.min(length, filled - bodyStart);
    System.arraycopy(buf, bodyStart, body, 0, have);
    // Keep-alive and one request at a time: nothing may follow this answer, so the buffer starts empty again.
    if (filled - bodyStart > length) {
      throw new IOException("bytes after the answer on a connection with one request in flight");
    }
    filled = 0;
    scanned = 0;
    while (have < length) {
      int n = in.read(body, have, length - have);
      if (n < 0) {
        throw new IOException("connection closed inside an answer body");
      }
      have += n;
    }
    return new BenchHttp.Answer(status, new String(body, StandardCharsets.UTF_8));
  }

  /** The index of the CR LF CR LF that ends the headers in what has been read, or -1. */
  private int headerEnd() {
    for (int i = Math.max(0, scanned - 3); i + 3 < filled; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        return i;
      }
    }
    scanned = filled;
    return -1;
  }

  private void fill() throws IOException {
    int n = in.read(buf, filled, buf.length - filled);
    if (n < 0) {
      throw new IOException("connection closed inside an answer's headers");
    }
    filled += n;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
