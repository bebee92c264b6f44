package sovereign.munin.keep.server;

import io.nayuki.qrcodegen.QrCode;

/** A QR code as a self-contained SVG element: one path of dark modules over a light square with a quiet zone. */
final class QrSvg {

  private static final int QUIET_ZONE = 4;

  private QrSvg() {}

  /** The SVG markup for {@code text}; contains only numbers and fixed markup, never the text itself. */
  static String of(String text, String label) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" width=\"256\" "
        + "height=\"256\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" + escape(label) + "\">"
        + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#ffffff\"/>"
        + "<path d=\"" + path + "\" fill=\"#000000\"/></svg>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
