package dev.idem.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.InvalidIdempotencyKeyException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIdsTest {

  @Test
  void of_validKey_prefixHashOfFixedLength() {
    String id = RecordIds.of("payments", null, "order-1");

    assertThat(id).matches("payments#[0-9a-f]{64}");
    assertThat(id).doesNotContain("order-1");
  }

  @Test
  void of_sameInputs_sameId() {
    assertThat(RecordIds.of("p", "caller", "key")).isEqualTo(RecordIds.of("p", "caller", "key"));
  }

  @Test
  void of_otherPrefix_otherId() {
    assertThat(RecordIds.of("a", null, "key")).isNotEqualTo(RecordIds.of("b", null, "key"));
  }

  @Test
  void of_callerAndKeySplitDifferently_neverCollide() {
    assertThat(RecordIds.of("p", "a:b", "c")).isNotEqualTo(RecordIds.of("p", "a", "b:c"));
    assertThat(RecordIds.of("p", "a|b", "c")).isNotEqualTo(RecordIds.of("p", "a", "b|c"));
    assertThat(RecordIds.of("p", "c1:a", "k")).isNotEqualTo(RecordIds.of("p", "a", "k"));
  }

  @Test
  void of_noCallerAndCallersThatLookLikeIt_distinct() {
    String none = RecordIds.of("p", null, "k");

    assertThat(RecordIds.of("p", "-", "k")).isNotEqualTo(none);
    assertThat(RecordIds.of("p", "", "k")).isNotEqualTo(none);
  }

  @ParameterizedTest
  @MethodSource("invalidKeys")
  void of_invalidKey_throwsInvalidKey(String key) {
    assertThatThrownBy(() -> RecordIds.of("p", null, key))
        .isInstanceOf(InvalidIdempotencyKeyException.class);
  }

  @Test
  void of_invalidKey_messageDoesNotEchoTheKey() {
    assertThatThrownBy(() -> RecordIds.of("p", null, "secret-clé"))
        .isInstanceOf(InvalidIdempotencyKeyException.class)
        .hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", " ", "~", "550e8400-e29b-41d4-a716-446655440000", "k!\"#$%&'()*+,"})
  void of_printableAsciiKey_accepted(String key) {
    assertThat(RecordIds.of("p", null, key)).startsWith("p#");
  }

  @Test
  void of_keyOfMaxLength_acceptedAndOneMoreRefused() {
    String longest = "k".repeat(RecordIds.MAX_KEY_LENGTH);

    assertThat(RecordIds.of("p", null, longest)).startsWith("p#");
    assertThatThrownBy(() -> RecordIds.of("p", null, longest + "k"))
        .isInstanceOf(InvalidIdempotencyKeyException.class)
        .hasMessageContaining("256");
  }

  @Test
  void hash_recordId_sixteenHexCharactersOfTheIdsHash() {
    String id = RecordIds.of("payments", "caller", "order-1");

    String hash = RecordIds.hash(id);

    assertThat(hash).matches("[0-9a-f]{16}");
    assertThat(id).startsWith("payments#" + hash);
  }

  static Stream<String> invalidKeys() {
    return Stream.of(null, "", "k".repeat(256), "clé", "ключ", "emoji😀", "nl\n", "del\u007f");
  }
}
