package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  @Test
  void of_correlationHeaderInAnyCase_isTheCorrelationIdAndTheRequestIdTheCause() {
    APIGatewayProxyRequestEvent request =
        request("req-1").withHeaders(Map.of("x-correlation-id", "trace-7"));

    assertThat(RequestIds.of(request, () -> "new")).contains(new RequestIds("trace-7", "req-1"));
  }

  @Test
  void of_correlationHeaderOnlyInMultiValueHeaders_isFound() {
    APIGatewayProxyRequestEvent request =
        request("req-1").withMultiValueHeaders(Map.of("X-Correlation-Id", List.of("trace-8")));

    assertThat(RequestIds.of(request, () -> "new")).contains(new RequestIds("trace-8", "req-1"));
  }

  @Test
  void of_noHeader_requestIdIsBoth() {
    assertThat(RequestIds.of(request("req-1"), () -> "new"))
        .contains(new RequestIds("req-1", "req-1"));
  }

  @Test
  void of_noHeaderNoRequestContext_newIdIsBoth() {
    assertThat(RequestIds.of(new APIGatewayProxyRequestEvent(), () -> "new"))
        .contains(new RequestIds("new", "new"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "quote\"", "<script>"})
  void of_invalidCorrelationHeader_empty(String header) {
    APIGatewayProxyRequestEvent request =
        request("req-1").withHeaders(Map.of("X-Correlation-Id", header));

    assertThat(RequestIds.of(request, () -> "new")).isEmpty();
  }

  @Test
  void isValid_129Characters_false() {
    assertThat(RequestIds.isValid("a".repeat(128))).isTrue();
    assertThat(RequestIds.isValid("a".repeat(129))).isFalse();
  }

  private static APIGatewayProxyRequestEvent request(String requestId) {
    return new APIGatewayProxyRequestEvent()
        .withRequestContext(
            new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId(requestId));
  }
}
