package dev.idem.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A benchmark's options: {@code --name value} pairs, each name one the benchmark knows. */
final class Args {

  /** The options are not the benchmark's: {@code bin/idem bench} prints the message, exits 2. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Reads {@code --name value} pairs.
   *
   * @throws UsageException for an unknown name, a missing value, or anything not an option
   */
  static Args parse(List<String> args, Set<String> known) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String arg = args.get(i);
      String name = arg.startsWith("--") ? arg.substring(2) : null;
      if (name == null || !known.contains(name)) {
        throw new UsageException(
            "unknown option '"
                + arg
                + "'"
                + (known.isEmpty()
                    ? "; it takes none"
                    : "; options: --" + String.join(", --", known)));
      }
      if (i + 1 >= args.size()) {
        throw new UsageException("option " + arg + " needs a value");
      }
      values.put(name, args.get(i + 1));
    }
    return new Args(values);
  }

  /**
   * The option's whole number, or {@code defaultValue} when it is not given.
   *
   * @throws UsageException when it is not a number of at least {@code min}
   */
  int number(String name, int defaultValue, int min) {
    String text = values.get(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the option's name.
    }
    throw new UsageException(
        "--" + name + " needs a whole number of at least " + min + ", got " + text);
  }

  /** The option's text, or empty when it is not given. */
  Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * The option's whole number, any sign, or empty when it is not given.
   *
   * @throws UsageException when it is not a whole number
   */
  OptionalLong longNumber(String name) {
    String text = values.get(name);
    if (text == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " needs a whole number, got " + text);
    }
  }
}
