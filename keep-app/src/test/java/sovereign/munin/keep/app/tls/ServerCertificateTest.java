package sovereign.munin.keep.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {

  @TempDir
  Path dir;

  @Test
  void generate_makesALeaf_thatCannotSignCertificates() throws Exception {
    var cert = ServerCertificate.generate(dir.resolve("server.crt"), dir.resolve("server.key"), List.of(),
        Clock.systemUTC(), new SecureRandom());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isFalse();
    assertThat(ServerCertificate.replaceCaCertificate(dir.resolve("server.crt"), dir.resolve("server.key"),
        Clock.systemUTC(), new SecureRandom())).isEmpty();
  }

  @Test
  void replaceCaCertificate_madeByAnEarlierVersion_isReplacedByALeafForTheSameNames() throws Exception {
    Path crt = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    writeOldCaCertificate(crt, key, "CN=Munin Keep server");
    byte[] oldKey = Files.readAllBytes(key);
    var message = ServerCertificate.replaceCaCertificate(crt, key, Clock.systemUTC(), new SecureRandom());
    assertThat(message).hasValueSatisfying(m -> assertThat(m).contains("was a CA certificate").contains(crt.toString()));
    var cert = ServerCertificate.readCertificate(crt);
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getSubjectAlternativeNames()).anyMatch(n -> n.get(1).equals("keep.example"));
    assertThat(Files.readAllBytes(key)).isNotEqualTo(oldKey);
  }

  @Test
  void replaceCaCertificate_broughtByTheOperator_isLeftWithAWarning() throws Exception {
    Path crt = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    writeOldCaCertificate(crt, key, "CN=keep.example.org");
    String before = Files.readString(crt);
    var message = ServerCertificate.replaceCaCertificate(crt, key, Clock.systemUTC(), new SecureRandom());
    assertThat(message).hasValueSatisfying(m -> assertThat(m).startsWith("WARNING"));
    assertThat(Files.readString(crt)).isEqualTo(before);
  }

  /** A certificate as versions before 2026-12-07 made them: CA:TRUE, pathLen 0, keyCertSign. */
  private static void writeOldCaCertificate(Path crt, Path key, String subject) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(new ECGenParameterSpec("secp384r1"));
    var kp = kpg.generateKeyPair();
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    var b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minus(1, ChronoUnit.DAYS)),
        Date.from(now.plus(30, ChronoUnit.DAYS)), name, kp.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.dNSName, "keep.example")}));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
    var holder = b.build(new JcaContentSignerBuilder("SHA384withECDSA").build(kp.getPrivate()));
    Files.writeString(crt, pem(holder));
    Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(kp.getPrivate(), null)));
  }

  private static String pem(Object o) throws Exception {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(o);
    }
    return sw.toString();
  }
}
