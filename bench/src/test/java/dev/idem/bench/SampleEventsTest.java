package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleEventsTest {

  private static final String OTHER_ID = "26a67560-60e0-31ec-8f30-6c8a2f1095ae";
  private static final String HEX_ID = "c81e728d9d4c2f636f067f89cc14862c";

  @Test
  void withFreshIds_sampleOrderId_becomesTheGivenOrder() {
    String sample = "{\"orderId\":\"" + SampleEvents.SAMPLE_ORDER_ID + "\"}";

    assertThat(SampleEvents.withFreshIds(sample, "order-7")).isEqualTo("{\"orderId\":\"order-7\"}");
  }

  @Test
  void withFreshIds_otherUuid_isReplacedTheSameWayEachTime() {
    String sample = OTHER_ID + " " + OTHER_ID;

    String fresh = SampleEvents.withFreshIds(sample, "o");

    String[] ids = fresh.split(" ");
    assertThat(ids[0]).isNotEqualTo(OTHER_ID).hasSize(36).isEqualTo(ids[1]);
  }

  @Test
  void withFreshIds_twoCalls_giveDifferentIds() {
    assertThat(SampleEvents.withFreshIds(OTHER_ID, "o"))
        .isNotEqualTo(SampleEvents.withFreshIds(OTHER_ID, "o"));
  }

  @Test
  void withFreshIds_streamEventId_isReplacedByAnotherHexId() {
    String fresh = SampleEvents.withFreshIds("{\"eventID\":\"" + HEX_ID + "\"}", "o");

    assertThat(fresh).doesNotContain(HEX_ID).matches("\\{\"eventID\":\"[0-9a-f]{32}\"}");
  }

  @Test
  void withFreshIds_hexInsideLongerToken_isKept() {
    String token = "AQEB" + HEX_ID + "==";

    assertThat(SampleEvents.withFreshIds(token, "o")).isEqualTo(token);
  }
}
