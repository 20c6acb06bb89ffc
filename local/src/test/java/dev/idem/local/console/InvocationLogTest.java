package dev.idem.local.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.lambda.InvocationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InvocationLogTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void recent_moreThanCapacity_keepsOnlyTheNewestNewestFirst() {
    InvocationLog log = new InvocationLog(3, CLOCK);
    for (int i = 1; i <= 10; i++) {
      log.invoked("f", "{}".getBytes(UTF_8), "req-" + i, ok(i));
    }

    assertThat(log.total()).isEqualTo(10);
    assertThat(log.recent(100))
        .extracting(InvocationLog.Entry::requestId)
        .containsExactly("req-10", "req-9", "req-8");
    assertThat(log.recent(2)).extracting(InvocationLog.Entry::sequence).containsExactly(10L, 9L);
  }

  @Test
  void percentile_durationsBeyondCapacity_overTheNewestOnly() {
    InvocationLog log = new InvocationLog(4, CLOCK);
    for (int i = 1; i <= 8; i++) {
      log.invoked("f", new byte[0], "r", ok(i * 100));
    }
    log.invoked("f", new byte[0], null, InvocationResult.throttled());

    assertThat(log.percentile("f", 50)).hasValue(Duration.ofMillis(600));
    assertThat(log.percentile("f", 99)).hasValue(Duration.ofMillis(800));
    assertThat(log.percentile("g", 50)).isEmpty();
    assertThat(log.recent(1).getFirst().outcome()).isEqualTo("THROTTLED");
  }

  @Test
  void source_byEventShape() {
    assertThat(shape("{\"version\":\"2.0\",\"requestContext\":{}}"))
        .isEqualTo(new InvocationLog.Shape("api", 1));
    assertThat(shape("{\"Records\":[{\"eventSource\":\"aws:sqs\"},{\"eventSource\":\"aws:sqs\"}]}"))
        .isEqualTo(new InvocationLog.Shape("sqs", 2));
    assertThat(shape("{\"Records\":[{\"eventSource\":\"aws:dynamodb\"}]}"))
        .isEqualTo(new InvocationLog.Shape("dynamodb", 1));
    assertThat(shape("{\"detail-type\":\"OrderPlaced\",\"detail\":{}}"))
        .isEqualTo(new InvocationLog.Shape("eventbridge", 1));
    assertThat(shape("not json")).isEqualTo(new InvocationLog.Shape("direct", 1));
  }

  @Test
  void new_capacityBelowOne_rejected() {
    assertThatThrownBy(() -> new InvocationLog(0, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static InvocationLog.Shape shape(String json) {
    return InvocationLog.Shape.of(json.getBytes(UTF_8));
  }

  private static InvocationResult ok(long millis) {
    return InvocationResult.ok(new byte[0], "", Duration.ofMillis(millis));
  }
}
