package dev.idem.local.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server that keeps header names as written, in both directions. The JDK's {@code
 * HttpServer} cannot: its {@code Headers} rewrite every name to an upper-case first letter and
 * lower-case rest ({@code tEsT-HEADeR} becomes {@code Test-header}, {@code x-amzn-RequestId}
 * becomes {@code X-amzn-requestid}), for requests and responses alike, and API Gateway passes the
 * client's names to the function and the function's names to the client. It reads one request at a
 * time per connection (persistent connections, {@code Content-Length} and chunked bodies, {@code
 * Expect: 100-continue}), each connection on its own virtual thread; no TLS, no pipelining beyond
 * reading requests in order, no HTTP/2.
 */
final class CaseKeepingServer implements HttpEndpoint.Listener {

  private static final System.Logger LOG = System.getLogger(CaseKeepingServer.class.getName());
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int IDLE_MILLIS = 30_000;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private final String name;
  private final ServerSocket socket;
  private final HttpService service;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private CaseKeepingServer(String name, ServerSocket socket, HttpService service) {
    this.name = name;
    this.socket = socket;
    this.service = service;
  }

  static CaseKeepingServer start(String name, InetSocketAddress address, HttpService service)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    try {
      socket.bind(address, 512);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    CaseKeepingServer server = new CaseKeepingServer(name, socket, service);
    Thread.ofVirtual().name(name + "-accept").start(server::accept);
    return server;
  }

  @Override
  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public void stop() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Endpoint {0}: closing failed", name, e);
    }
    executor.shutdownNow();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        executor.execute(() -> serve(connection));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        if (!socket.isClosed()) {
          LOG.log(System.Logger.Level.WARNING, "Endpoint {0}: accept failed", name, e);
        }
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(IDLE_MILLIS);
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = new BufferedOutputStream(connection.getOutputStream());
      boolean open = true;
      while (open) {
        open = exchange(in, out);
      }
    } catch (SocketTimeoutException e) {
      LOG.log(System.Logger.Level.DEBUG, "Endpoint {0}: idle connection closed", name);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Endpoint {0}: client went away", name, e);
    }
  }

  /** One request and its response; whether the connection stays open. */
  private boolean exchange(InputStream in, OutputStream out) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return false;
    }
    if (requestLine.isEmpty()) {
      return true; // a stray CRLF between requests is allowed
    }
    String[] parts = requestLine.split(" ");
    Map<String, List<String>> headers = headers(in);
    if (parts.length != 3 || headers == null || !parts[2].startsWith("HTTP/1.")) {
      write(out, Response.json(400, "{\"message\":\"Bad Request\"}"), false, false);
      return false;
    }
    boolean keepAlive = keepAlive(parts[2], headers);
    if (first(headers, "Expect").map("100-continue"::equalsIgnoreCase).orElse(false)) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    Request request = request(parts[0], parts[1], headers, body(in, headers));
    Response response = HttpEndpoint.answer(name, service, request);
    if (response.dropsConnection()) {
      return false;
    }
    write(out, response, request.method().equals("HEAD"), keepAlive);
    return keepAlive;
  }

  private static Request request(
      String method, String target, Map<String, List<String>> headers, byte[] body) {
    String origin = target;
    if (origin.startsWith("http://") || origin.startsWith("https://")) {
      int slash = origin.indexOf('/', origin.indexOf("//") + 2);
      origin = slash < 0 ? "/" : origin.substring(slash);
    }
    int question = origin.indexOf('?');
    String rawPath = question < 0 ? origin : origin.substring(0, question);
    String rawQuery = question < 0 ? null : origin.substring(question + 1);
    int hash = rawQuery == null ? -1 : rawQuery.indexOf('#');
    if (hash >= 0) {
      rawQuery = rawQuery.substring(0, hash);
    }
    return new Request(
        method.toUpperCase(Locale.ROOT), percentDecoded(rawPath), rawQuery, headers, body, rawPath);
  }

  /** Percent-decoding of a path: {@code %2B} is a plus, a plus stays a plus. */
  static String percentDecoded(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && hex(raw, i + 1)) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean hex(String text, int at) {
    return at + 1 < text.length()
        && Character.digit(text.charAt(at), 16) >= 0
        && Character.digit(text.charAt(at + 1), 16) >= 0;
  }

  /** The header lines in order, names as written; null when malformed. */
  private static Map<String, List<String>> headers(InputStream in) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      String line = line(in);
      if (line == null || count > MAX_HEADERS) {
        return null;
      }
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String headerName = line.substring(0, colon).trim();
      String existing =
          headers.keySet().stream()
              .filter(headerName::equalsIgnoreCase)
              .findFirst()
              .orElse(headerName);
      headers
          .computeIfAbsent(existing, k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
  }

  private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
    if (first(headers, "Transfer-Encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      return chunked(in);
    }
    long length = first(headers, "Content-Length").map(Long::parseLong).orElse(0L);
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("body of " + length + " bytes is too large");
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length != length) {
      throw new IOException("the body ended after " + body.length + " of " + length + " bytes");
    }
    return body;
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new IOException("a chunked body ended early");
      }
      int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (length == 0) {
        while (true) { // trailers, up to the empty line
          String trailer = line(in);
          if (trailer == null || trailer.isEmpty()) {
            return body.toByteArray();
          }
        }
      }
      body.write(in.readNBytes(length));
      line(in);
    }
  }

  /** One line without its CRLF (or LF), ISO-8859-1 as HTTP/1.1 reads header bytes; null at EOF. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("a request line or header longer than " + MAX_LINE + " bytes");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  private static boolean keepAlive(String version, Map<String, List<String>> headers) {
    String connection = first(headers, "Connection").orElse("").toLowerCase(Locale.ROOT);
    return version.equals("HTTP/1.1")
        ? !connection.contains("close")
        : connection.contains("keep-alive");
  }

  private static java.util.Optional<String> first(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }

  private static void write(OutputStream out, Response response, boolean head, boolean keepAlive)
      throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("HTTP/1.1 ").append(response.status()).append(' ');
    text.append(reason(response.status())).append("\r\n");
    for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
      String headerName = header.getKey();
      if (headerName.equalsIgnoreCase("Content-Length")
          || headerName.equalsIgnoreCase("Transfer-Encoding")
          || headerName.equalsIgnoreCase("Connection")) {
        continue; // framing is this server's
      }
      for (String value : header.getValue()) {
        text.append(headerName).append(": ").append(value.replaceAll("[\r\n]+", " "));
        text.append("\r\n");
      }
    }
    text.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    boolean noBody =
        response.status() < 200 || response.status() == 204 || response.status() == 304;
    if (!noBody) {
      text.append("Content-Length: ").append(response.body().length).append("\r\n");
    }
    if (!keepAlive) {
      text.append("Connection: close\r\n");
    }
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!noBody && !head) {
      out.write(response.body());
    }
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status " + status;
    };
  }
}
