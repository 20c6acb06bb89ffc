package dev.idem.local.edge;

import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Sends a request on to a backend on loopback as it came (minus hop-by-hop headers). */
final class HttpForwarder implements HttpService {

  // Hop-by-hop headers, and those java.net.http sets itself and refuses from callers.
  private static final Set<String> SKIPPED =
      Set.of(
          "connection",
          "content-length",
          "date",
          "expect",
          "from",
          "host",
          "upgrade",
          "via",
          "warning",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding");
  // Long polls (SQS ReceiveMessage waits up to 20 s) must not time out here.
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client;
  private final URI backend;

  HttpForwarder(HttpClient client, URI backend) {
    this.client = client;
    this.backend = backend;
  }

  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  URI backend() {
    return backend;
  }

  @Override
  public Response handle(Request request) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target(request))
            .timeout(REQUEST_TIMEOUT)
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach((name, values) -> copy(name, values, builder));
    HttpResponse<byte[]> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Response(response.statusCode(), headersOf(response), response.body());
  }

  private URI target(Request request) throws URISyntaxException {
    String path = new URI(null, null, request.path(), null).getRawPath();
    String query = request.rawQuery() == null ? "" : "?" + request.rawQuery();
    return URI.create(backend.toString() + path + query);
  }

  private static void copy(String name, List<String> values, HttpRequest.Builder builder) {
    if (!SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
      values.forEach(value -> builder.header(name, value));
    }
  }

  private static Map<String, List<String>> headersOf(HttpResponse<?> response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> {
          if (!name.startsWith(":") && !SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
            headers.put(name, values);
          }
        });
    return headers;
  }
}
