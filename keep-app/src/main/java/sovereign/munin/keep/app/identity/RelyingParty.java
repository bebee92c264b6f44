package sovereign.munin.keep.app.identity;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntSupplier;
import sovereign.munin.keep.app.config.WebAuthnSettings;

/**
 * This instance as a WebAuthn relying party. Besides the configured origins it accepts
 * {@code https://<rp id>:<port>} and, when the server listens on a host name, {@code https://<host>:<port>}, with
 * the port the server actually bound, so a server on a random port still checks origins exactly.
 */
public final class RelyingParty {

  private final WebAuthnSettings settings;
  private final String listenHost;
  private final IntSupplier port;

  public RelyingParty(WebAuthnSettings settings, String listenHost, IntSupplier port) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listenHost = Objects.requireNonNull(listenHost, "listenHost");
    this.port = Objects.requireNonNull(port, "port");
  }

  public String id() {
    return settings.rpId();
  }

  public String name() {
    return settings.rpName();
  }

  /** Every origin a ceremony's client data may name. */
  public Set<String> origins() {
    int p = port.getAsInt();
    String suffix = p == 443 ? "" : ":" + p;
    Set<String> all = new LinkedHashSet<>();
    all.add("https://" + settings.rpId() + suffix);
    if (isHostName(listenHost)) {
      all.add("https://" + listenHost.toLowerCase(java.util.Locale.ROOT) + suffix);
    }
    all.addAll(settings.origins());
    return all;
  }

  ServerProperty serverProperty(byte[] challenge) {
    Set<Origin> origins = new LinkedHashSet<>();
    origins().forEach(o -> origins.add(new Origin(o)));
    return new ServerProperty(origins, settings.rpId(), new DefaultChallenge(challenge));
  }

  /** A name rather than an IPv4 or IPv6 literal; decided from the text alone, without asking a resolver. */
  private static boolean isHostName(String host) {
    return !host.isEmpty() && !host.contains(":") && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }
}
