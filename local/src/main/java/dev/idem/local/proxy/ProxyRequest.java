package dev.idem.local.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What a client asks of the proxy, read from the request line: a tunnel ({@code CONNECT host:port
 * HTTP/1.1}) or a plain HTTP request in absolute form ({@code GET http://host[:port]/path
 * HTTP/1.1}).
 *
 * @param method the request's method, upper case
 * @param host the target host, normalized ({@link AwsHosts#normalize(String)}), without brackets
 *     for IPv6
 * @param port the target port (for a plain request without one, 80)
 * @param tunnel whether it is a {@code CONNECT}
 */
record ProxyRequest(String method, String host, int port, boolean tunnel) {

  /**
   * Reads a request line.
   *
   * @throws IllegalArgumentException when it is not {@code METHOD TARGET HTTP/1.x} with a {@code
   *     host:port} target for CONNECT or an absolute {@code http://} URI otherwise; the message
   *     says which
   */
  static ProxyRequest parse(String requestLine) {
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new IllegalArgumentException(
          "not an HTTP/1.x request line: '" + abbreviate(requestLine) + "'");
    }
    String method = parts[0].toUpperCase(Locale.ROOT);
    return method.equals("CONNECT") ? connect(parts[1]) : absolute(method, parts[1]);
  }

  /** {@code host:port} as it names the target, IPv6 in brackets. */
  String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static ProxyRequest connect(String target) {
    int colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException(
          "CONNECT needs host:port, got '" + abbreviate(target) + "'");
    }
    String host = target.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ProxyRequest(
        "CONNECT", AwsHosts.normalize(host), port(target.substring(colon + 1)), true);
  }

  private static ProxyRequest absolute(String method, String target) {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: '" + abbreviate(target) + "'");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "a proxy request needs an absolute http:// URI (or CONNECT for https), got '"
              + abbreviate(target)
              + "'");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ProxyRequest(
        method, AwsHosts.normalize(host), uri.getPort() < 0 ? 80 : uri.getPort(), false);
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a port: '" + abbreviate(text) + "'");
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
