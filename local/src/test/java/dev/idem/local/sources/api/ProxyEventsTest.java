package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.http.Request;
import dev.idem.local.sources.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyEventsTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");

  @ParameterizedTest
  @CsvSource({
    "text/plain, true",
    "text/html; charset=utf-8, true",
    "application/json, true",
    "application/problem+json, true",
    "application/xml, true",
    "application/atom+xml, true",
    "application/x-www-form-urlencoded, true",
    "Application/JSON, true",
    "application/octet-stream, false",
    "image/png, false",
    "multipart/form-data; boundary=x, false",
    "application/pdf, false"
  })
  void isText_contentTypes_textOnlyForTextualOnes(String contentType, boolean text) {
    assertThat(ProxyEvents.isText(contentType)).isEqualTo(text);
  }

  @Test
  void event_noQueryNoParametersNoBody_leavesThoseNull() {
    JsonNode event = event(new Request("GET", "/health", null, Map.of(), new byte[0]));

    assertThat(event.path("queryStringParameters").isNull()).isTrue();
    assertThat(event.path("multiValueQueryStringParameters").isNull()).isTrue();
    assertThat(event.path("pathParameters").isNull()).isTrue();
    assertThat(event.path("headers").isNull()).isTrue();
    assertThat(event.path("body").isNull()).isTrue();
  }

  @Test
  void event_requestTime_isStampedFromTheClock() {
    JsonNode context =
        event(new Request("GET", "/health", null, Map.of("host", List.of("localhost:3000")), null))
            .path("requestContext");

    assertThat(context.path("requestTimeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(context.path("requestTime").asText()).isEqualTo("04/Mar/2026:05:06:07 +0000");
    assertThat(context.path("domainName").asText()).isEqualTo("localhost:3000");
    assertThat(context.path("requestId").asText()).isEqualTo("req-1");
  }

  @Test
  void event_queryWithoutValueAndEncodedParts_decodesThem() {
    JsonNode event =
        event(new Request("GET", "/health", "a%26b=c%3Dd&empty=&bare", Map.of(), null));

    JsonNode query = event.path("queryStringParameters");
    assertThat(query.path("a&b").asText()).isEqualTo("c=d");
    assertThat(query.path("empty").asText()).isEmpty();
    assertThat(query.path("bare").asText()).isEmpty();
  }

  private static JsonNode event(Request request) {
    RouteTable.Match match = new RouteTable.Match(new ApiRoute("GET", "/health", "f"), Map.of());
    byte[] event = ProxyEvents.event(request, match, "req-1", NOW);
    return Json.parse(event).orElseThrow();
  }
}
