package sovereign.munin.keep.server;

import java.security.KeyStore;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import sovereign.munin.keep.app.config.ListenAddress;

/** The only connector the server has: TLS 1.3, on the configured (by default loopback) address. */
final class HttpsConnector {

  private HttpsConnector() {}

  static ServerConnector create(Server server, HttpConfiguration base, ListenAddress listen, KeyStore keyStore,
      char[] keyPassword) {
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(keyStore);
    tls.setKeyStorePassword(new String(keyPassword));
    tls.setKeyManagerPassword(new String(keyPassword));
    tls.setIncludeProtocols("TLSv1.3");
    tls.setExcludeProtocols("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2");
    tls.setRenegotiationAllowed(false);

    HttpConfiguration https = new HttpConfiguration(base);
    https.setSendServerVersion(false);
    https.setSendXPoweredBy(false);
    https.setSecureScheme("https");
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setStsMaxAge(31_536_000);
    // Clients reach the server by IP address (127.0.0.1), which SNI cannot carry.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);

    // The detector hands TLS to the HTTPS stack; anything else falls through to the refusal that follows it.
    SslConnectionFactory ssl = new SslConnectionFactory(tls, "http/1.1");
    ServerConnector connector = new ServerConnector(server, new DetectorConnectionFactory(ssl),
        new PlainHttpRefusal(), new HttpConnectionFactory(https));
    connector.setHost(listen.host());
    connector.setPort(listen.port());
    connector.setIdleTimeout(30_000);
    return connector;
  }
}
