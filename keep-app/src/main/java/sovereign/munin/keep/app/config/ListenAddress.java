package sovereign.munin.keep.app.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import sovereign.munin.keep.app.KeepException;

/** The host and port the server listens on, parsed from {@code HOST:PORT} (IPv6 as {@code [::1]:PORT}). */
public record ListenAddress(String host, int port) {

  public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 8443);

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw KeepException.badInput("bad-listen-address", "port " + port + " is outside 0..65535");
    }
  }

  /** Parses {@code HOST:PORT}; port 0 asks the system for a free port (useful in tests). */
  public static ListenAddress parse(String text) {
    if (text == null || text.isBlank() || text.length() > 300) {
      throw KeepException.badInput("bad-listen-address", "the listen address is empty or too long; use HOST:PORT");
    }
    String t = text.strip();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw KeepException.badInput("bad-listen-address",
          "'" + t + "' is not HOST:PORT (for example 127.0.0.1:8443 or [::1]:8443)");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw KeepException.badInput("bad-listen-address", "write IPv6 addresses in brackets, e.g. [::1]:8443");
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw KeepException.badInput("bad-listen-address", "'" + t.substring(colon + 1) + "' is not a port number");
    }
    if (port > 65_535 || port < 0) {
      throw KeepException.badInput("bad-listen-address", "port " + port + " is outside 0..65535");
    }
    return new ListenAddress(host, port);
  }

  /** Resolves the host without touching the network beyond the local resolver (names like localhost). */
  public InetSocketAddress socketAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw KeepException.badInput("bad-listen-address", "cannot resolve listen host '" + host + "'");
    }
  }

  /** True for loopback addresses, the only safe default. */
  public boolean isLoopback() {
    return socketAddress().getAddress().isLoopbackAddress();
  }

  /** The https URL clients use to reach this address. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "https://" + h + ":" + port;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
