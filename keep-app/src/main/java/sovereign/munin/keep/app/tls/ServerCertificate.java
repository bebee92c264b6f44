package sovereign.munin.keep.app.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.PrivateFiles;

/**
 * The server's TLS identity: an ECDSA P-384 key and a self-signed leaf certificate for the loopback names, which
 * the CLI pins as its trust anchor. It is no CA ({@code CA:FALSE}, no {@code keyCertSign}), so the server key can
 * sign TLS handshakes but no certificate a client would trust.
 */
public final class ServerCertificate {

  private static final Duration VALIDITY = Duration.ofDays(825);
  private static final String SUBJECT = "CN=Munin Keep server";

  private ServerCertificate() {}

  /** Creates the key and certificate files; the key file is readable by the owner only. */
  public static X509Certificate generate(Path certFile, Path keyFile, List<String> extraHosts, Clock clock,
      SecureRandom rng) {
    try {
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
      kpg.initialize(new ECGenParameterSpec("secp384r1"), rng);
      KeyPair kp = kpg.generateKeyPair();
      Instant now = clock.instant();
      X500Name subject = new X500Name(SUBJECT);
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, rng).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, kp.getPublic());
      List<GeneralName> names = new ArrayList<>(List.of(
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.iPAddress, "::1")));
      for (String host : extraHosts) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      // A pinned certificate is trusted as itself: PKIX accepts a chain whose only certificate is the anchor, so
      // the leaf needs no CA flag, and without one its key cannot vouch for any other certificate.
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(kp.getPrivate())));
      PrivateFiles.write(keyFile, pem(kp.getPrivate()).getBytes(StandardCharsets.US_ASCII));
      Files.writeString(certFile, pem(cert), StandardCharsets.US_ASCII);
      return cert;
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "tls-generation-failed",
          "could not create the TLS certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces a certificate made by an earlier version, which was a CA ({@code CA:TRUE}, {@code keyCertSign}), with a
   * leaf certificate and a new key for the same names. Returns a message for the operator when it did, empty when
   * the certificate was already a leaf; a CA certificate the operator brought is left alone, with a warning.
   */
  public static java.util.Optional<String> replaceCaCertificate(Path certFile, Path keyFile, Clock clock,
      SecureRandom rng) {
    X509Certificate cert;
    try {
      cert = readCertificate(certFile);
    } catch (GeneralSecurityException | IOException e) {
      return java.util.Optional.empty(); // serverKeyStore reports unreadable files with their paths
    }
    if (cert.getBasicConstraints() < 0) {
      return java.util.Optional.empty();
    }
    if (!cert.getSubjectX500Principal().getName().equals(SUBJECT)) {
      return java.util.Optional.of("WARNING: the TLS certificate " + certFile + " is a CA certificate "
          + "(CA:TRUE); its key can mint certificates that clients trusting it would accept. Use a leaf certificate.");
    }
    List<String> extra = new ArrayList<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          String name = String.valueOf(san.get(1));
          if (!List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "::1").contains(name)) {
            extra.add(name);
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "tls-unreadable", "cannot read the names of "
          + certFile + ": " + e.getMessage(), e);
    }
    Path newCert = certFile.resolveSibling(certFile.getFileName() + ".new");
    Path newKey = keyFile.resolveSibling(keyFile.getFileName() + ".new");
    try {
      Files.deleteIfExists(newCert);
      Files.deleteIfExists(newKey);
      generate(newCert, newKey, extra, clock, rng);
      // The key first: a crash between the two moves leaves the old CA certificate beside a key it does not match,
      // so handshakes fail rather than the CA key staying usable, and the next start replaces both again.
      Files.move(newKey, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.move(newCert, certFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "tls-generation-failed", "could not replace the CA "
          + "certificate " + certFile + " by a leaf: " + e.getMessage(), e);
    }
    return java.util.Optional.of("TLS: the server certificate " + certFile + " was a CA certificate, whose key "
        + "could mint trusted certificates for any name; it is replaced by a leaf certificate (CA:FALSE) with a new "
        + "key. 'keep' commands using this data directory trust the new one at once; other clients that pinned the "
        + "old certificate must pin " + certFile + " again.");
  }

  /** An in-memory key store holding the server key and certificate, for the HTTPS connector. */
  public static KeyStore serverKeyStore(Path certFile, Path keyFile, char[] password) {
    try {
      X509Certificate cert = readCertificate(certFile);
      PrivateKey key = readPrivateKey(keyFile);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", key, password, new java.security.cert.Certificate[] {cert});
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw KeepException.badInput("tls-unreadable",
          "cannot load the TLS certificate " + certFile + " and key " + keyFile + ": " + e.getMessage());
    }
  }

  /** Reads one PEM certificate (bounded to 64 KiB). */
  public static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(readBounded(file)))) {
      Object o = parser.readObject();
      if (!(o instanceof org.bouncycastle.cert.X509CertificateHolder holder)) {
        throw new IOException(file + " does not hold a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(holder);
    }
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(readBounded(file)))) {
      Object o = parser.readObject();
      if (!(o instanceof PrivateKeyInfo info)) {
        throw new IOException(file + " does not hold a PKCS#8 private key");
      }
      return new JcaPEMKeyConverter().getPrivateKey(info);
    }
  }

  static String readBounded(Path file) throws IOException {
    if (Files.size(file) > 64 * 1024) {
      throw new IOException(file + " is larger than 64 KiB");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static String pem(Object o) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
    }
    return sw.toString();
  }
}
