package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import sovereign.munin.keep.app.KeepException;

/** Bounded parsing of query parameters, with problem+json errors that name the parameter. */
final class Params {

  private Params() {}

  static Long optionalLong(Context ctx, String name, long min, long max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < min || n > max) {
        throw KeepException.badInput("bad-parameter", name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw KeepException.badInput("bad-parameter", name + " must be a whole number, not '" + v + "'");
    }
  }

  static String optionalText(Context ctx, String name, int maxLength) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > maxLength) {
      throw KeepException.badInput("bad-parameter", name + " is longer than " + maxLength + " characters");
    }
    return v.strip();
  }

  static long time(Context ctx, String name, long fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(v.strip()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw KeepException.badInput("bad-parameter", name + " must be an ISO-8601 instant such as "
          + "2026-11-23T10:00:00Z");
    }
  }
}
