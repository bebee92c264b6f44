package sovereign.munin.keep.app.identity;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionsAuthenticatorOutputs;
import com.webauthn4j.data.extension.client.AuthenticationExtensionsClientOutputs;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import sovereign.munin.keep.store.identity.WebAuthnCredentialRow;

/**
 * The WebAuthn data forms: options as the JSON that {@code PublicKeyCredential.parseCreationOptionsFromJSON} and
 * {@code parseRequestOptionsFromJSON} take (binary fields base64url without padding), and stored credentials as
 * webauthn4j credential records.
 */
final class WebAuthnFormats {

  /** ES256 (-7), EdDSA (-8) and RS256 (-257), in order of preference. */
  static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
      new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

  private final AttestedCredentialDataConverter attested = new AttestedCredentialDataConverter(new ObjectConverter());

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  Map<String, Object> creationOptions(RelyingParty rp, UserView user, String handle, byte[] challenge,
      List<WebAuthnCredentialRow> existing) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rp", Map.of("id", rp.id(), "name", rp.name()));
    m.put("user", Map.of("id", handle, "name", user.name(), "displayName", user.name()));
    m.put("challenge", b64(challenge));
    m.put("pubKeyCredParams", ALGORITHMS.stream().map(a -> Map.of("type", "public-key", "alg",
        a.getAlg().getValue())).toList());
    m.put("timeout", WebAuthnChallenges.LIFETIME.toMillis());
    m.put("excludeCredentials", descriptors(existing));
    m.put("authenticatorSelection", Map.of("residentKey", "discouraged", "requireResidentKey", false,
        "userVerification", "preferred"));
    m.put("attestation", "none");
    return m;
  }

  Map<String, Object> requestOptions(RelyingParty rp, byte[] challenge, List<WebAuthnCredentialRow> allowed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("challenge", b64(challenge));
    m.put("timeout", WebAuthnChallenges.LIFETIME.toMillis());
    m.put("rpId", rp.id());
    m.put("allowCredentials", descriptors(allowed));
    m.put("userVerification", "preferred");
    return m;
  }

  private static List<Map<String, Object>> descriptors(List<WebAuthnCredentialRow> rows) {
    return rows.stream().map(r -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("type", "public-key");
      d.put("id", r.credentialId());
      d.put("transports", transports(r));
      return d;
    }).toList();
  }

  static List<String> transports(WebAuthnCredentialRow r) {
    return r.transports().isEmpty() ? List.of() : Arrays.asList(r.transports().split(","));
  }

  static String transports(Set<AuthenticatorTransport> transports) {
    if (transports == null) {
      return "";
    }
    return transports.stream().map(AuthenticatorTransport::getValue)
        .filter(t -> t != null && t.matches("[a-z-]{1,16}")).sorted().limit(8).collect(Collectors.joining(","));
  }

  byte[] attestedBytes(AttestedCredentialData data) {
    return attested.convert(data);
  }

  /** The stored credential as webauthn4j checks assertions against it ("none" attestation, stored counter). */
  CredentialRecord record(WebAuthnCredentialRow row) {
    AttestedCredentialData data = attested.convert(row.attestedData());
    Set<AuthenticatorTransport> transports = new LinkedHashSet<>();
    transports(row).forEach(t -> transports.add(AuthenticatorTransport.create(t)));
    return new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, row.signCount(), data,
        new AuthenticationExtensionsAuthenticatorOutputs<>(), null, new AuthenticationExtensionsClientOutputs<>(),
        transports);
  }
}
