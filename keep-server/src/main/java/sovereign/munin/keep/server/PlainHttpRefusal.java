package sovereign.munin.keep.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.Callback;

/**
 * What a client that speaks plain HTTP to the HTTPS port gets: one fixed 400 answer saying to use https, then the
 * connection closes. Nothing of the application is reachable this way; no request is parsed.
 */
final class PlainHttpRefusal extends AbstractConnectionFactory {

  static final String PROTOCOL = "plain-http-refusal";
  private static final byte[] BODY = """
      {"type":"urn:munin-keep:problem:https-required","title":"HTTPS required","status":400,\
      "detail":"this port speaks HTTPS (TLS 1.3) only; use an https:// URL"}""".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESPONSE = concat(("HTTP/1.1 400 Bad Request\r\n"
      + "Content-Type: application/problem+json\r\nContent-Length: " + BODY.length + "\r\n"
      + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), BODY);

  PlainHttpRefusal() {
    super(PROTOCOL);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    return configure(new Refusal(endPoint, connector), connector, endPoint);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static final class Refusal extends AbstractConnection implements Connection.UpgradeTo {

    Refusal(EndPoint endPoint, Connector connector) {
      super(endPoint, connector.getExecutor());
    }

    @Override
    public void onOpen() {
      super.onOpen();
      EndPoint ep = getEndPoint();
      ep.write(Callback.from(() -> {
        ep.shutdownOutput();
        ep.close();
      }, failure -> ep.close()), ByteBuffer.wrap(RESPONSE));
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
      // The bytes the detector already read are ignored: the answer does not depend on them.
    }

    @Override
    public void onFillable() {
      // Nothing to read: the answer is the same whatever was sent.
    }
  }
}
