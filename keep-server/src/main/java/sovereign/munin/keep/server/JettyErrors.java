package sovereign.munin.keep.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a malformed request 400, a URI too long 414, headers too
 * large 431): problem+json with the same security headers as every other answer, never Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", Problems.TYPE_PREFIX + "http-" + code);
    body.put("title", HttpStatus.getMessage(code));
    body.put("status", code);
    // Jetty's own reason names the rule that was broken; it never holds request data beyond that.
    body.put("detail", "the request was refused before it reached the API: " + HttpStatus.getMessage(code));
    byte[] bytes = JSON.writeValueAsBytes(body);
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    SecurityHeaders.HEADERS.forEach(headers::put);
    response.setStatus(code);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
}
