package dev.idem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample events of {@code events/samples/}, made fresh for each use: every id in them (UUIDs,
 * and the 32-digit hex ids of stream records) is replaced by a new one, the same new one wherever
 * the old one occurs, so that each invocation is a first execution rather than a replay of the
 * previous one; and the samples' order id is replaced by the order the caller names.
 */
final class SampleEvents {

  /** The order id every sample refers to. */
  static final String SAMPLE_ORDER_ID = "5f1c2b9e-3a47-4d8e-9b21-7c6e0d4a8f13";

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern HEX_ID =
      Pattern.compile("(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])");

  private final Map<String, String> samples = new HashMap<>();
  private final ProjectFiles files;

  SampleEvents(ProjectFiles files) {
    this.files = files;
  }

  /** The sample named {@code name} with fresh ids, about order {@code orderId}. */
  String fresh(String name, String orderId) {
    return withFreshIds(samples.computeIfAbsent(name, this::read), orderId);
  }

  /** {@code sample} with fresh ids, its order id replaced by {@code orderId}. */
  static String withFreshIds(String sample, String orderId) {
    Map<String, String> replaced = new HashMap<>();
    replaced.put(SAMPLE_ORDER_ID, orderId);
    String uuids = replace(sample, UUID_TEXT, replaced, old -> UUID.randomUUID().toString());
    return replace(uuids, HEX_ID, replaced, old -> randomHex());
  }

  private static String replace(
      String text, Pattern pattern, Map<String, String> replaced, Function<String, String> next) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      String id = replaced.computeIfAbsent(matcher.group(), next);
      matcher.appendReplacement(out, Matcher.quoteReplacement(id));
    }
    return matcher.appendTail(out).toString();
  }

  private static String randomHex() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return HexFormat.of().toHexDigits(random.nextLong())
        + HexFormat.of().toHexDigits(random.nextLong());
  }

  private String read(String name) {
    try {
      return Files.readString(files.sample(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sample event " + name, e);
    }
  }
}
