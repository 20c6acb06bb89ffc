package dev.idem.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void start_request_reachesServiceWithHeadersAndBody() throws Exception {
    try (HttpEndpoint endpoint =
        HttpEndpoint.start(
            "echo",
            0,
            request ->
                Response.json(
                    201,
                    "{\"path\":\""
                        + request.path()
                        + "\",\"h\":\""
                        + request.header("x-test").orElse("")
                        + "\",\"body\":\""
                        + request.bodyText()
                        + "\"}"))) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(endpoint.url().resolve("/a/b?x=1"))
                  .header("X-Test", "yes")
                  .POST(HttpRequest.BodyPublishers.ofString("hi"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.body()).isEqualTo("{\"path\":\"/a/b\",\"h\":\"yes\",\"body\":\"hi\"}");
    }
  }

  @Test
  void start_serviceThrows_500WithJsonAndNoStackTrace() throws Exception {
    try (HttpEndpoint endpoint =
        HttpEndpoint.start(
            "broken",
            0,
            request -> {
              throw new IllegalStateException("boom");
            })) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(endpoint.url()).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .contains("IllegalStateException: boom")
          .doesNotContain("at dev.idem");
    }
  }

  @Test
  void start_portTaken_portInUseNamingThePort() {
    try (HttpEndpoint first = HttpEndpoint.start("first", 0, request -> Response.empty(204))) {
      assertThatThrownBy(
              () -> HttpEndpoint.start("edge", first.port(), request -> Response.empty(204)))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("Port " + first.port() + " (edge) is already in use");
    }
  }
}
