package sovereign.munin.keep.app.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import sovereign.munin.keep.app.KeepException;

/** A TLS 1.3 client context that trusts exactly one pinned anchor, the instance's certificate or a given CA. */
public final class ClientTls {

  private ClientTls() {}

  /** Builds the context; there is deliberately no way to turn certificate checks off. */
  public static SSLContext trusting(Path anchorPem) {
    if (!Files.isReadable(anchorPem)) {
      throw KeepException.badInput("ca-missing", "cannot read the server's CA certificate " + anchorPem
          + "; pass --ca FILE (or KEEP_CA) or --data DIR of the instance");
    }
    try {
      X509Certificate anchor = ServerCertificate.readCertificate(anchorPem);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("keep-anchor", anchor);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw KeepException.badInput("ca-unreadable", "cannot use " + anchorPem + " as CA: " + e.getMessage());
    }
  }
}
