package dev.idem.local.console;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the console stores captured text: cut at {@link #LIMIT} characters (so that each kept entry
 * has a fixed upper size and an hour of load keeps memory flat), and with every idempotency key's
 * value replaced, so that the console never shows a raw key (the library logs only its hash).
 */
final class Texts {

  /** The most characters one captured text keeps; what is longer is cut and marked. */
  static final int LIMIT = 16 * 1024;

  /**
   * How much more than {@link #LIMIT} is redacted before a text is cut: a key (at most 255
   * characters, as the library takes them) that begins before the cut is redacted whole.
   */
  private static final int MARGIN = 1024;

  /** What replaces an idempotency key's value. */
  static final String REDACTED = "[redacted]";

  /** The marker a cut text ends with. */
  static final String CUT = "… [cut]";

  /**
   * A JSON field named {@code Idempotency-Key} (any case, {@code -}/{@code _} or nothing between
   * the words), its value a string or an array's first string, perhaps inside a JSON string (its
   * quotes escaped): the headers of an API event, an SQS message's body.
   */
  private static final Pattern KEY =
      Pattern.compile(
          "(?i)((\\\\*)\"idempotency[-_]?key\\2\"\\s*:\\s*(?:\\[\\s*)?\\2\")(.*?)(\\2\")");

  private Texts() {}

  /** The bytes as UTF-8 text, cut and with idempotency keys redacted; "" for null. */
  static String keep(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return "";
    }
    // Decode no more than can be kept and redacted: a character takes at least one byte.
    int length = Math.min(bytes.length, LIMIT + MARGIN);
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    return keep(bytes.length > length ? text + CUT : text);
  }

  /** The text cut and with idempotency keys redacted; "" for null. */
  static String keep(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    return cut(redact(text));
  }

  /** The text cut at {@link #LIMIT}, ending with {@link #CUT} when it was. */
  static String cut(String text) {
    if (text.length() <= LIMIT) {
      return text;
    }
    int end = LIMIT - CUT.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + CUT;
  }

  /** The end of a text (a log), as kept: {@link #tail} of it with idempotency keys redacted. */
  static String keepTail(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    int margin = LIMIT + MARGIN;
    return tail(redact(text.length() > margin ? text.substring(text.length() - margin) : text));
  }

  /** The last {@link #LIMIT} characters of the text, starting with {@link #CUT} when cut. */
  static String tail(String text) {
    if (text == null || text.length() <= LIMIT) {
      return text == null ? "" : text;
    }
    int start = text.length() - LIMIT + CUT.length();
    if (Character.isLowSurrogate(text.charAt(start))) {
      start++;
    }
    return CUT + text.substring(start);
  }

  /** The text with every idempotency key's value replaced by {@link #REDACTED}. */
  static String redact(String text) {
    if (!mayHoldKey(text)) {
      return text;
    }
    Matcher matcher = KEY.matcher(text);
    return matcher.replaceAll(
        match -> Matcher.quoteReplacement(match.group(1) + REDACTED + match.group(4)));
  }

  /**
   * A quick test that skips the pattern for texts without the field's name (most of them, the
   * library's decision lines too: they say "idempotency decision").
   */
  private static boolean mayHoldKey(String text) {
    int length = text.length() - "dempotencykey".length();
    for (int i = 0; i <= length; i++) {
      char c = text.charAt(i);
      if ((c == 'd' || c == 'D') && text.regionMatches(true, i, "dempotency", 0, 10)) {
        int key = i + 10;
        char between = text.charAt(key);
        if (between == '-' || between == '_') {
          key++;
        }
        if (text.regionMatches(true, key, "key", 0, 3)) {
          return true;
        }
      }
    }
    return false;
  }
}
