package dev.idem.local.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API port's server keeps header names as written, in both directions, as API Gateway does
 * (LocalStack's AWS-recorded {@code test_lambda_aws_proxy_integration}: a {@code tEsT-HEADeR}
 * header reaches the function so spelled). Talks raw HTTP/1.1 over a socket, since Java's HTTP
 * client hides the case of response header names.
 */
class CaseKeepingServerTest {

  private final List<Request> received = new CopyOnWriteArrayList<>();
  private HttpEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint =
        HttpEndpoint.startKeepingHeaderCase(
            "test",
            HttpEndpoint.LOOPBACK,
            0,
            request -> {
              received.add(request);
              Map<String, List<String>> headers = new LinkedHashMap<>();
              headers.put("x-amzn-RequestId", List.of("r-1"));
              headers.put("Content-Type", List.of("text/plain"));
              return new Response(200, headers, ("got " + request.bodyText()).getBytes());
            });
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void request_headerNames_reachTheServiceAsTheClientWroteThem() throws Exception {
    exchange("GET /a HTTP/1.1\r\nHost: x\r\ntEsT-HEADeR: aValUE\r\nConnection: close\r\n\r\n");

    assertThat(received.get(0).headers()).containsKey("tEsT-HEADeR");
    assertThat(received.get(0).headers().keySet().stream().toList()).contains("tEsT-HEADeR");
  }

  @Test
  void response_headerNames_reachTheClientAsTheServiceWroteThem() throws Exception {
    List<String> lines = exchange("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(lines).contains("x-amzn-RequestId: r-1", "Content-Type: text/plain");
    assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("got ");
  }

  @Test
  void request_rawPathAndQuery_keptBesideTheDecodedPath() throws Exception {
    exchange("GET /u/a%2Bb+c@x?q=1%2B1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    Request request = received.get(0);
    assertThat(request.rawPath()).isEqualTo("/u/a%2Bb+c@x");
    assertThat(request.path()).isEqualTo("/u/a+b+c@x");
    assertThat(request.rawQuery()).isEqualTo("q=1%2B1");
  }

  @Test
  void request_chunkedBodyAndExpectContinue_areRead() throws Exception {
    List<String> lines =
        exchange(
            "POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");

    assertThat(lines.get(0)).isEqualTo("HTTP/1.1 100 Continue");
    assertThat(received.get(0).bodyText()).isEqualTo("abcde");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("got abcde");
  }

  @Test
  void connection_keptAlive_servesTwoRequestsInTurn() throws Exception {
    List<String> lines =
        exchange(
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
                + "GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(received).extracting(Request::path).containsExactly("/a", "/b");
    // The first body has no line end, so the second status line follows it on the same line.
    assertThat(String.join("\n", lines).split("HTTP/1.1 200 OK", -1)).hasSize(3);
  }

  @Test
  void head_answersTheHeadersWithoutTheBody() throws Exception {
    List<String> lines = exchange("HEAD /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(lines).contains("Content-Length: 4");
    assertThat(lines.get(lines.size() - 1)).isEmpty();
  }

  @Test
  void request_malformedRequestLine_answers400AndCloses() throws Exception {
    List<String> lines = exchange("NONSENSE\r\n\r\n");

    assertThat(lines.get(0)).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(received).isEmpty();
  }

  private List<String> exchange(String raw) throws Exception {
    try (Socket socket = new Socket(HttpEndpoint.LOOPBACK, endpoint.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(ISO_8859_1));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), ISO_8859_1));
      List<String> lines = new ArrayList<>();
      StringBuilder tail = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        tail.append((char) c);
      }
      for (String line : tail.toString().split("\r\n", -1)) {
        lines.add(line);
      }
      return lines;
    }
  }
}
