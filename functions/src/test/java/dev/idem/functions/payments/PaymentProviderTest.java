package dev.idem.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.functions.common.ProviderClient.ProviderResponse;
import org.junit.jupiter.api.Test;

class PaymentProviderTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void interpret_201WithPaymentId_isCaptured() {
    assertThat(interpret(201, "{\"paymentId\":\"pay_9\"}"))
        .isEqualTo(new ChargeResult.Captured("pay_9"));
  }

  @Test
  void interpret_201WithId_isCaptured() {
    assertThat(interpret(201, "{\"id\":\"pay_1\"}")).isEqualTo(new ChargeResult.Captured("pay_1"));
  }

  @Test
  void interpret_201WithoutAnId_isAnUnexpectedAnswer() {
    assertThatThrownBy(() -> interpret(201, "{\"status\":\"ok\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a paymentId");
  }

  @Test
  void interpret_402WithReason_isDeclinedForThatReason() {
    assertThat(interpret(402, "{\"reason\":\"card_declined\"}"))
        .isEqualTo(new ChargeResult.Declined("card_declined"));
  }

  @Test
  void interpret_402WithoutJson_isDeclinedForTheDefaultReason() {
    assertThat(interpret(402, "Payment Required"))
        .isEqualTo(new ChargeResult.Declined(PaymentProvider.DEFAULT_DECLINE_REASON));
  }

  @Test
  void interpret_otherClientError_isAnUnexpectedAnswerNamingTheStatus() {
    assertThatThrownBy(() -> interpret(409, "{}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("409");
  }

  @Test
  void chargeKey_isStablePerOrder() {
    assertThat(PaymentProvider.chargeKey("o-1")).isEqualTo("charge-o-1");
  }

  private ChargeResult interpret(int status, String body) {
    return PaymentProvider.interpret(new ProviderResponse(status, body), mapper);
  }
}
