package dev.idem.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of AWS's "Cron expressions reference" and "Rate expressions" (Amazon EventBridge
 * User Guide,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html) and of
 * "Schedule types on EventBridge Scheduler"
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). 2026-12-07 is a
 * Monday.
 */
class ScheduleExpressionTest {

  @DisplayName("next_awsCronExamples_nextFiringInUtc (EventBridge User Guide: cron expressions)")
  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cron(0 10 * * ? *)            | 2026-12-07T03:30:00Z | 2026-12-07T10:00:00Z",
        "cron(15 12 * * ? *)           | 2026-12-07T03:30:00Z | 2026-12-07T12:15:00Z",
        "cron(0 18 ? * MON-FRI *)      | 2026-12-11T19:00:00Z | 2026-12-14T18:00:00Z",
        "cron(0 8 1 * ? *)             | 2026-12-07T03:30:00Z | 2027-01-01T08:00:00Z",
        "cron(0/15 * * * ? *)          | 2026-12-07T03:30:00Z | 2026-12-07T03:45:00Z",
        "cron(0/10 * ? * MON-FRI *)    | 2026-12-12T10:00:00Z | 2026-12-14T00:00:00Z",
        "cron(0/5 8-17 ? * MON-FRI *)  | 2026-12-07T17:56:00Z | 2026-12-08T08:00:00Z",
        "cron(0/5 8-17 ? * MON-FRI *)  | 2026-12-07T08:01:30Z | 2026-12-07T08:05:00Z",
        "cron(0 9 ? * 2#1 *)           | 2026-12-07T09:00:00Z | 2027-01-04T09:00:00Z",
        "cron(0 9 ? * 2#1 *)           | 2026-12-01T00:00:00Z | 2026-12-07T09:00:00Z",
        "cron(0 0 L * ? *)             | 2026-12-07T03:30:00Z | 2026-12-31T00:00:00Z",
        "cron(0 0 L * ? *)             | 2027-02-01T00:00:00Z | 2027-02-28T00:00:00Z",
        "cron(0 0 31W * ? *)           | 2027-01-01T00:00:00Z | 2027-01-29T00:00:00Z",
        "cron(0 0 LW * ? *)            | 2027-01-01T00:00:00Z | 2027-01-29T00:00:00Z",
        "cron(0 12 ? * 6L *)           | 2026-12-07T03:30:00Z | 2026-12-25T12:00:00Z",
        "cron(0 12 ? * L *)            | 2026-12-07T03:30:00Z | 2026-12-12T12:00:00Z",
        "cron(0 12 ? JAN,JUL SUN 2027) | 2026-12-07T03:30:00Z | 2027-01-03T12:00:00Z",
        "cron(30 6 ? * FRI-MON *)      | 2026-12-08T00:00:00Z | 2026-12-11T06:30:00Z",
      })
  void next_awsCronExamples_nextFiringInUtc(String expression, Instant after, Instant expected) {
    assertThat(ScheduleExpression.parse(expression).next(after, ZoneOffset.UTC))
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("next_cronInATimeZone_localTime (Scheduler: ScheduleExpressionTimezone)")
  void next_cronInATimeZone_localTime() {
    ScheduleExpression daily = ScheduleExpression.parse("cron(0 10 * * ? *)");

    assertThat(daily.next(Instant.parse("2026-12-07T03:30:00Z"), ZoneId.of("America/New_York")))
        .isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
  }

  @Test
  void next_cronWhoseYearsAreOver_none() {
    assertThat(
            ScheduleExpression.parse("cron(0 0 1 1 ? 2020)")
                .next(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC))
        .isNull();
  }

  @DisplayName("next_rate_onePeriodLater (EventBridge User Guide: rate expressions)")
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rate(1 minute),PT1M",
    "rate(5 minutes),PT5M",
    "rate(1 hour),PT1H",
    "rate(7 days),P7D"
  })
  void next_rate_onePeriodLater(String expression, Duration period) {
    Instant after = Instant.parse("2026-12-07T03:30:17Z");

    assertThat(ScheduleExpression.parse(expression).next(after, ZoneOffset.UTC))
        .isEqualTo(after.plus(period));
  }

  @Test
  void next_atInTheFutureThenPast_onceThenNone() {
    ScheduleExpression once = ScheduleExpression.parse("at(2026-12-24T18:00:00)");

    assertThat(once.next(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-12-24T18:00:00Z"));
    assertThat(once.next(Instant.parse("2026-12-24T18:00:00Z"), ZoneOffset.UTC)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cron(0 10 * * * *)",
        "cron(0 10 ? * ? *)",
        "cron(0 10 * * ?)",
        "cron(60 10 * * ? *)",
        "cron(0 10 * FOO ? *)",
        "cron(0 10 ? * 2#6 *)",
        "rate(1 minutes)",
        "rate(5 minute)",
        "rate(0 minutes)",
        "rate(5 seconds)",
        "every 5 minutes",
        "at(tomorrow)"
      })
  void parse_badExpression_saysWhatIsWrong(String expression) {
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void tick_clockPassesTwoMinutesOfARate_firesOnceWithItsDueTime() {
    dev.idem.testing.TestClock clock =
        new dev.idem.testing.TestClock(Instant.parse("2026-12-07T03:30:00Z"));
    java.util.List<Instant> fired = new java.util.ArrayList<>();
    try (ScheduleTicker ticker = ScheduleTicker.manual(clock)) {
      ticker.put(
          "every-minute", ScheduleExpression.parse("rate(1 minute)"), ZoneOffset.UTC, fired::add);
      ticker.tick();
      clock.advance(Duration.ofSeconds(59));
      ticker.tick();
      assertThat(fired).isEmpty();

      clock.advance(Duration.ofSeconds(1));
      ticker.tick();
      clock.advance(Duration.ofMinutes(5));
      ticker.tick();
    }

    assertThat(fired)
        .containsExactly(
            Instant.parse("2026-12-07T03:31:00Z"), Instant.parse("2026-12-07T03:32:00Z"));
  }
}
