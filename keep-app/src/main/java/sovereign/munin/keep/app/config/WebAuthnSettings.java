package sovereign.munin.keep.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import sovereign.munin.keep.app.KeepException;

/**
 * The WebAuthn relying party from keep.toml's {@code [webauthn]} table: its id (the domain browsers open the
 * console at; an IP address is not a valid id), its display name, and origins accepted besides the derived ones.
 */
public record WebAuthnSettings(String rpId, String rpName, List<String> origins) {

  private static final Pattern DOMAIN = Pattern.compile(
      "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern NUMERIC_LABEL = Pattern.compile(".*(^|\\.)[0-9]+$");
  private static final int MAX_ORIGINS = 16;

  // After the patterns: static fields initialise in order, and the constructor uses them.
  public static final WebAuthnSettings DEFAULT = new WebAuthnSettings("localhost", "Munin Keep", List.of());

  public WebAuthnSettings {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(rpName, "rpName");
    if (!DOMAIN.matcher(rpId).matches() || NUMERIC_LABEL.matcher(rpId).matches()) {
      throw KeepException.badInput("bad-config", "webauthn.rp_id must be a lower-case domain name such as "
          + "localhost or keep.example.org, not '" + rpId + "' (browsers refuse IP addresses as relying party ids)");
    }
    if (rpName.isBlank() || rpName.length() > 64) {
      throw KeepException.badInput("bad-config", "webauthn.rp_name must be 1 to 64 characters");
    }
    origins = List.copyOf(origins);
    if (origins.size() > MAX_ORIGINS) {
      throw KeepException.badInput("bad-config", "webauthn.origins lists more than " + MAX_ORIGINS + " origins");
    }
  }

  /** Parses the settings; {@code origins} is a comma-separated list of https origins, possibly empty. */
  public static WebAuthnSettings parse(String rpId, String rpName, String origins) {
    List<String> list = new ArrayList<>();
    for (String o : origins.split(",")) {
      if (!o.isBlank()) {
        list.add(origin(o.strip()));
      }
    }
    return new WebAuthnSettings(rpId.strip().toLowerCase(Locale.ROOT), rpName.strip(), list);
  }

  /** {@code https://host[:port]} in the form browsers put in client data; anything else is refused. */
  static String origin(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String path = uri == null || uri.getRawPath() == null ? "" : uri.getRawPath();
    boolean bare = uri != null && uri.getHost() != null && uri.getUserInfo() == null && uri.getQuery() == null
        && uri.getFragment() == null && (path.isEmpty() || path.equals("/"));
    if (!bare || !"https".equals(uri.getScheme())) {
      throw KeepException.badInput("bad-config", "webauthn.origins: '" + text + "' is not an origin such as "
          + "https://keep.example.org:8443 (https, a host, an optional port, nothing else)");
    }
    int port = uri.getPort();
    return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 || port == 443 ? "" : ":" + port);
  }
}
