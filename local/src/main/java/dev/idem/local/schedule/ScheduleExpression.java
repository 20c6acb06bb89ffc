package dev.idem.local.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule: {@code rate(value unit)}, {@code cron(minutes hours day-of-month month day-of-week
 * year)} or (EventBridge Scheduler only) {@code at(yyyy-mm-ddThh:mm:ss)}, as described in AWS's
 * "Schedule types on EventBridge Scheduler" and EventBridge's "Creating a rule that runs on a
 * schedule".
 *
 * {@snippet :
 * ScheduleExpression daily = ScheduleExpression.parse("cron(0 10 * * ? *)");
 * Instant next = daily.next(Instant.now(), ZoneOffset.UTC);
 * }
 */
public sealed interface ScheduleExpression
    permits ScheduleExpression.Rate, CronExpression, ScheduleExpression.At {

  /**
   * The first firing strictly after {@code after}, in {@code zone} (cron and at; a rate ignores
   * it), or null when there is none (an {@code at} in the past, a cron whose years are over).
   */
  Instant next(Instant after, ZoneId zone);

  /**
   * Reads an expression.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static ScheduleExpression parse(String expression) {
    String text = expression == null ? "" : expression.strip();
    if (text.startsWith("rate(") && text.endsWith(")")) {
      return Rate.parse(text.substring(5, text.length() - 1));
    }
    if (text.startsWith("cron(") && text.endsWith(")")) {
      return CronExpression.parse(text.substring(5, text.length() - 1));
    }
    if (text.startsWith("at(") && text.endsWith(")")) {
      return At.parse(text.substring(3, text.length() - 1));
    }
    throw new IllegalArgumentException(
        "'"
            + expression
            + "' is not rate(value unit), cron(six fields) or at(yyyy-mm-ddThh:mm:ss)");
  }

  /**
   * {@code rate(5 minutes)}: every period, the first one period after the schedule starts.
   *
   * @param period the interval, at least one minute
   */
  record Rate(Duration period) implements ScheduleExpression {

    private static final Pattern RATE =
        Pattern.compile("([0-9]+) +(minute|minutes|hour|hours|day|days)");

    static Rate parse(String body) {
      Matcher matcher = RATE.matcher(body.strip());
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "rate(" + body + ") is not rate(value minute|minutes|hour|hours|day|days)");
      }
      long value = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2);
      if (value < 1) {
        throw new IllegalArgumentException("rate(" + body + "): the value must be positive");
      }
      if (value == 1 != !unit.endsWith("s")) {
        throw new IllegalArgumentException(
            "rate(" + body + "): AWS wants the singular unit for 1 and the plural above it");
      }
      Duration period =
          switch (unit.replaceAll("s$", "")) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
          };
      return new Rate(period);
    }

    @Override
    public Instant next(Instant after, ZoneId zone) {
      return after.plus(period);
    }
  }

  /**
   * {@code at(2026-12-24T18:00:00)}: once, at that local time in the schedule's time zone.
   *
   * @param time the local date and time
   */
  record At(LocalDateTime time) implements ScheduleExpression {

    static At parse(String body) {
      try {
        return new At(LocalDateTime.parse(body.strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("at(" + body + ") is not at(yyyy-mm-ddThh:mm:ss)", e);
      }
    }

    @Override
    public Instant next(Instant after, ZoneId zone) {
      Instant at = time.atZone(zone).toInstant();
      return at.isAfter(after) ? at : null;
    }
  }
}
