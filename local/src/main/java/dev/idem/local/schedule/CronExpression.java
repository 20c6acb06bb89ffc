package dev.idem.local.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * AWS's cron dialect ("Cron expressions reference", Amazon EventBridge User Guide): six fields,
 * {@code minutes hours day-of-month month day-of-week year}, with lists ({@code ,}), ranges ({@code
 * -}), wildcards ({@code *}), steps ({@code /}), month and day names ({@code JAN}, {@code MON}),
 * and in the day fields {@code ?}, {@code L}, {@code W} and {@code #}. Day-of-week counts 1 (SUN)
 * to 7 (SAT). Exactly one of the two day fields must be {@code ?}.
 *
 * <p>Day-of-month takes {@code L} (the month's last day), {@code LW} (its last weekday) and {@code
 * nW} (the weekday nearest day n, within the month); day-of-week takes {@code nL} (the month's last
 * day n; {@code L} alone is the week's last day: every Saturday) and {@code n#k} (the k-th day n of
 * the month).
 *
 * @param text the six fields as written
 */
public record CronExpression(
    String text, BitSet minutes, BitSet hours, DaySpec days, BitSet months, BitSet years)
    implements ScheduleExpression {

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final int LAST_YEAR = 2199;

  /** Which days of a month match: the day-of-month field or the day-of-week field. */
  sealed interface DaySpec {
    boolean matches(LocalDate date);
  }

  /** A set of days of the month (1..31). */
  record MonthDays(BitSet days) implements DaySpec {
    @Override
    public boolean matches(LocalDate date) {
      return days.get(date.getDayOfMonth());
    }
  }

  /** {@code L}: the month's last day; {@code LW}: its last weekday. */
  record LastDay(boolean weekday) implements DaySpec {
    @Override
    public boolean matches(LocalDate date) {
      LocalDate last = date.with(TemporalAdjusters.lastDayOfMonth());
      while (weekday && isWeekend(last)) {
        last = last.minusDays(1);
      }
      return date.equals(last);
    }
  }

  /** {@code nW}: the weekday nearest day n, not leaving the month. */
  record NearestWeekday(int day) implements DaySpec {
    @Override
    public boolean matches(LocalDate date) {
      int length = date.lengthOfMonth();
      if (day > length) {
        return false;
      }
      LocalDate target = date.withDayOfMonth(day);
      if (target.getDayOfWeek() == DayOfWeek.SATURDAY) {
        target = day == 1 ? target.plusDays(2) : target.minusDays(1);
      } else if (target.getDayOfWeek() == DayOfWeek.SUNDAY) {
        target = day == length ? target.minusDays(2) : target.plusDays(1);
      }
      return date.equals(target);
    }
  }

  /** A set of days of the week, AWS-numbered (1 = SUN .. 7 = SAT). */
  record WeekDays(BitSet days) implements DaySpec {
    @Override
    public boolean matches(LocalDate date) {
      return days.get(awsDay(date));
    }
  }

  /** {@code nL}: the month's last day n of the week. */
  record LastWeekDay(int day) implements DaySpec {
    @Override
    public boolean matches(LocalDate date) {
      return awsDay(date) == day && date.plusWeeks(1).getMonth() != date.getMonth();
    }
  }

  /** {@code n#k}: the k-th day n of the week in the month. */
  record NthWeekDay(int day, int nth) implements DaySpec {
    @Override
    public boolean matches(LocalDate date) {
      return awsDay(date) == day && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
    }
  }

  /**
   * Reads the six fields.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static CronExpression parse(String body) {
    String[] fields = body.strip().split("\\s+");
    if (fields.length != 6) {
      throw new IllegalArgumentException(
          "cron("
              + body
              + ") has "
              + fields.length
              + " fields, not six"
              + " (minutes hours day-of-month month day-of-week year)");
    }
    String where = "cron(" + body + ")";
    boolean domAny = fields[2].equals("?");
    boolean dowAny = fields[4].equals("?");
    if (domAny == dowAny) {
      throw new IllegalArgumentException(
          where + ": exactly one of day-of-month and day-of-week must be '?'");
    }
    return new CronExpression(
        body.strip(),
        Field.MINUTES.parse(fields[0], where),
        Field.HOURS.parse(fields[1], where),
        domAny ? weekDays(fields[4], where) : monthDays(fields[2], where),
        Field.MONTHS.parse(fields[3], where),
        Field.YEARS.parse(fields[5], where));
  }

  @Override
  public Instant next(Instant after, ZoneId zone) {
    LocalDateTime start =
        LocalDateTime.ofInstant(after, zone).withSecond(0).withNano(0).plusMinutes(1);
    LocalDate date = start.toLocalDate();
    while (date.getYear() <= LAST_YEAR) {
      if (!years.get(date.getYear())) {
        date = LocalDate.of(date.getYear() + 1, 1, 1);
      } else if (!months.get(date.getMonthValue())) {
        date = date.withDayOfMonth(1).plusMonths(1);
      } else {
        if (days.matches(date)) {
          LocalTime from = date.equals(start.toLocalDate()) ? start.toLocalTime() : LocalTime.MIN;
          LocalTime time = firstTime(from);
          if (time != null) {
            Instant at = date.atTime(time).atZone(zone).toInstant();
            if (at.isAfter(after)) {
              return at;
            }
          }
        }
        date = date.plusDays(1);
      }
    }
    return null;
  }

  private LocalTime firstTime(LocalTime from) {
    for (int hour = hours.nextSetBit(from.getHour());
        hour >= 0;
        hour = hours.nextSetBit(hour + 1)) {
      int minute = minutes.nextSetBit(hour == from.getHour() ? from.getMinute() : 0);
      if (minute >= 0) {
        return LocalTime.of(hour, minute);
      }
    }
    return null;
  }

  private static DaySpec monthDays(String field, String where) {
    if (field.equals("L") || field.equals("LW")) {
      return new LastDay(field.equals("LW"));
    }
    if (field.matches("[0-9]{1,2}W")) {
      int day = Integer.parseInt(field.substring(0, field.length() - 1));
      if (day < 1 || day > 31) {
        throw new IllegalArgumentException(where + ": day-of-month " + field + " is outside 1-31");
      }
      return new NearestWeekday(day);
    }
    return new MonthDays(Field.DAYS_OF_MONTH.parse(field, where));
  }

  private static DaySpec weekDays(String field, String where) {
    String upper = field.toUpperCase(Locale.ROOT);
    if (upper.equals("L")) {
      BitSet saturday = new BitSet();
      saturday.set(7);
      return new WeekDays(saturday);
    }
    if (upper.endsWith("L")) {
      return new LastWeekDay(
          Field.DAYS_OF_WEEK.value(upper.substring(0, upper.length() - 1), where));
    }
    int hash = upper.indexOf('#');
    if (hash > 0) {
      int day = Field.DAYS_OF_WEEK.value(upper.substring(0, hash), where);
      int nth = parseInt(upper.substring(hash + 1), where);
      if (nth < 1 || nth > 5) {
        throw new IllegalArgumentException(where + ": in day-of-week " + field + ", # takes 1-5");
      }
      return new NthWeekDay(day, nth);
    }
    return new WeekDays(Field.DAYS_OF_WEEK.parse(field, where));
  }

  private static int awsDay(LocalDate date) {
    return date.getDayOfWeek().getValue() % 7 + 1;
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static int parseInt(String text, String where) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not a number", e);
    }
  }

  /** A numeric field: its name, range and value names. */
  private enum Field {
    MINUTES("minutes", 0, 59, List.of()),
    HOURS("hours", 0, 23, List.of()),
    DAYS_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTHS("month", 1, 12, CronExpression.MONTHS),
    DAYS_OF_WEEK("day-of-week", 1, 7, CronExpression.DAYS),
    YEARS("year", 1970, LAST_YEAR, List.of());

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;

    Field(String label, int min, int max, List<String> names) {
      this.label = label;
      this.min = min;
      this.max = max;
      this.names = names;
    }

    BitSet parse(String field, String where) {
      BitSet values = new BitSet();
      for (String part : field.split(",", -1)) {
        addPart(values, part, where);
      }
      return values;
    }

    private void addPart(BitSet values, String part, String where) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = parseInt(part.substring(slash + 1), where);
        if (step < 1) {
          throw new IllegalArgumentException(
              where + ": " + label + " step " + step + " is not positive");
        }
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = value(ends[0], where);
        to = value(ends[1], where);
      } else {
        from = value(range, where);
        to = slash >= 0 ? max : from;
      }
      int span = to >= from ? to - from : to + (max - min + 1) - from;
      for (int i = 0; i <= span; i += step) {
        int value = from + i;
        values.set(value > max ? value - (max - min + 1) : value);
      }
    }

    int value(String text, String where) {
      int named = names.indexOf(text.toUpperCase(Locale.ROOT));
      int value = named >= 0 ? named + min : parseInt(text, where);
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            where + ": " + label + " value " + text + " is outside " + min + "-" + max);
      }
      return value;
    }
  }
}
