package dev.idem.local.sources;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.http.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyResponsesTest {

  @Test
  void map_headersInBothMaps_mergesThemKeepingMultiValueOnes() {
    String answer =
        "{\"statusCode\":200,\"headers\":{\"X-A\":\"1\",\"X-B\":\"solo\"},"
            + "\"multiValueHeaders\":{\"X-A\":[\"1\",\"2\"]},\"body\":\"hi\"}";

    Response response = ProxyResponses.map(answer.getBytes(UTF_8)).response();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("X-A")).containsExactly("1", "2");
    assertThat(response.headers().get("X-B")).containsExactly("solo");
    assertThat(response.bodyText()).isEqualTo("hi");
  }

  @Test
  void map_noContentType_defaultsToJson() {
    Response response = ProxyResponses.map("{\"statusCode\":204}".getBytes(UTF_8)).response();

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.headers().get("Content-Type")).containsExactly("application/json");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void map_base64Body_isDecoded() {
    String answer = "{\"statusCode\":200,\"body\":\"AAH+/w==\",\"isBase64Encoded\":true}";

    Response response = ProxyResponses.map(answer.getBytes(UTF_8)).response();

    assertThat(response.body()).containsExactly(0, 1, 0xfe, 0xff);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "\"text\"",
        "{}",
        "{\"statusCode\":\"200\"}",
        "{\"statusCode\":200.5}",
        "{\"statusCode\":99}",
        "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"
      })
  void map_malformedProxyResponse_answers502(String answer) {
    ProxyResponses.Mapped mapped = ProxyResponses.map(answer.getBytes(UTF_8));

    assertThat(mapped.response().status()).isEqualTo(502);
    assertThat(mapped.response().bodyText()).isEqualTo("{\"message\":\"Internal server error\"}");
    assertThat(mapped.outcome()).startsWith("502 malformed proxy response");
  }
}
