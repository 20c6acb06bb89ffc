package dev.idem.local.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void keep_keyAcrossTheCut_redactedWhole() {
    String key = "k".repeat(200);
    String text =
        "x".repeat(Texts.LIMIT - 80)
            + "{\"Idempotency-Key\":\""
            + key
            + "\"}"
            + "z".repeat(2 * Texts.LIMIT);

    String kept = Texts.keep(text.getBytes(UTF_8));

    assertThat(kept).hasSize(Texts.LIMIT).endsWith(Texts.CUT).doesNotContain("kkkk");
  }

  @Test
  void keepTail_keyAcrossTheStartOfTheTail_redactedWhole() {
    String key = "k".repeat(200);
    String text = "{\"idempotency_key\":\"" + key + "\"}" + "y".repeat(Texts.LIMIT - 30);

    String kept = Texts.keepTail(text);

    assertThat(kept).hasSize(Texts.LIMIT).startsWith(Texts.CUT).doesNotContain("kkkk");
  }

  @Test
  void redact_keysInHeadersArraysAndEscapedBodies_valuesReplaced() {
    String text =
        "{\"headers\":{\"IDEMPOTENCY-KEY\":\"a1\"},\"multi\":{\"Idempotency-Key\":[\"a2\"]},"
            + "\"body\":\"{\\\"idempotencyKey\\\":\\\"a3\\\"}\",\"other\":\"a4\"}";

    String redacted = Texts.redact(text);

    assertThat(redacted).doesNotContain("a1", "a2", "a3").contains("a4");
    assertThat(redacted.split("\\[redacted]", -1)).hasSize(4);
  }

  @Test
  void redact_decisionLinesWithoutKeys_unchanged() {
    String line = "{\"message\":\"idempotency decision\",\"keyHash\":\"0123456789abcdef\"}";

    assertThat(Texts.redact(line)).isSameAs(line);
  }

  @Test
  void cut_shortText_unchanged() {
    assertThat(Texts.cut("short")).isEqualTo("short");
    assertThat(Texts.keep((byte[]) null)).isEmpty();
  }
}
