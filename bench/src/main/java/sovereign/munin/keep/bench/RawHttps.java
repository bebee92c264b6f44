package sovereign.munin.keep.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
 * spirit of wrk). The server certificate is checked against the pinned anchor and the host name.
 */
final class RawHttps implements AutoCloseable {

  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final String host;
  private final SSLSocket socket;
  private final OutputStream out;
  private final InputStream in;

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
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
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

  /** Sends prepared request bytes and reads the whole answer (Content-Length framing). */
  BenchHttp.Answer send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String statusLine = line();
    if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    int headerBytes = 0;
    for (String h = line(); !h.isEmpty(); h = line()) {
      headerBytes += h.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new IOException("answer headers over " + MAX_HEADER_BYTES + " bytes");
      }
      if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (h.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
        throw new IOException("chunked answers are not expected here: " + h);
      }
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new IOException("answer without a usable Content-Length (" + length + ")");
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("connection closed inside an answer body");
    }
    return new BenchHttp.Answer(status, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed inside an answer's headers");
      }
      if (c != '\r') {
        b.write(c);
      }
      if (b.size() > MAX_HEADER_BYTES) {
        throw new IOException("answer header line too long");
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
