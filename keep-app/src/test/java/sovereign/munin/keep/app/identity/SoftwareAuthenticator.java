package sovereign.munin.keep.app.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WebAuthn authenticator and browser in software, for tests: an EC P-256 key, "none" attestation, and the JSON
 * that {@code PublicKeyCredential.toJSON()} gives. Origin, RP id and counter can be set wrong on purpose.
 */
public final class SoftwareAuthenticator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectConverter CBOR = new ObjectConverter();

  private final KeyPair keys;
  private final byte[] credentialId = new byte[32];
  private String origin;
  private String rpId;
  private long counter;
  private boolean counting = true;

  public SoftwareAuthenticator(String origin, String rpId) {
    this.origin = origin;
    this.rpId = rpId;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      keys = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    new SecureRandom().nextBytes(credentialId);
  }

  /** The origin the "browser" puts into client data from now on. */
  public SoftwareAuthenticator origin(String o) {
    this.origin = o;
    return this;
  }

  /** The RP id whose hash the authenticator puts into authenticator data from now on. */
  public SoftwareAuthenticator rpId(String id) {
    this.rpId = id;
    return this;
  }

  /** Sets the signature counter; the next assertion carries {@code value + 1} (or {@code value} if not counting). */
  public SoftwareAuthenticator counter(long value) {
    this.counter = value;
    return this;
  }

  /** An authenticator that always reports 0, as many passkey providers do. */
  public SoftwareAuthenticator notCounting() {
    this.counting = false;
    this.counter = 0;
    return this;
  }

  public String credentialId() {
    return b64(credentialId);
  }

  /** The registration answer to creation options carrying {@code challenge} (base64url). */
  public String register(String challenge) {
    EC2COSEKey key = EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256);
    AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(sha256(
        rpId.getBytes(StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV
        | AuthenticatorData.BIT_AT), counter, new AttestedCredentialData(AAGUID.ZERO, credentialId, key));
    byte[] attestation = new AttestationObjectConverter(CBOR).convertToBytes(new AttestationObject(data,
        new NoneAttestationStatement()));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("clientDataJSON", b64(clientData("webauthn.create", challenge)));
    response.put("authenticatorData", b64(new AuthenticatorDataConverter(CBOR).convert(data)));
    response.put("transports", List.of("usb"));
    response.put("publicKey", b64(keys.getPublic().getEncoded()));
    response.put("publicKeyAlgorithm", -7);
    response.put("attestationObject", b64(attestation));
    return credential(response);
  }

  /** The assertion answering request options carrying {@code challenge} (base64url). */
  public String assertion(String challenge) {
    if (counting) {
      counter++;
    }
    AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(sha256(
        rpId.getBytes(StandardCharsets.UTF_8)), (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV),
        counter);
    byte[] authData = new AuthenticatorDataConverter(CBOR).convert(data);
    byte[] clientData = clientData("webauthn.get", challenge);
    byte[] signature;
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(keys.getPrivate());
      s.update(ByteBuffer.allocate(authData.length + 32).put(authData).put(sha256(clientData)).array());
      signature = s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("clientDataJSON", b64(clientData));
    response.put("authenticatorData", b64(authData));
    response.put("signature", b64(signature));
    return credential(response);
  }

  private String credential(Map<String, Object> response) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", credentialId());
    m.put("rawId", credentialId());
    m.put("type", "public-key");
    m.put("authenticatorAttachment", "cross-platform");
    m.put("response", response);
    m.put("clientExtensionResults", Map.of());
    try {
      return JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] clientData(String type, String challenge) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("challenge", challenge);
    m.put("origin", origin);
    m.put("crossOrigin", false);
    try {
      return JSON.writeValueAsBytes(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
