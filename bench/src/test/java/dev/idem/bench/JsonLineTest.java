package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonLineTest {

  @Test
  void toString_numbersAndStrings_keepsInsertionOrderOnOneLine() {
    String json =
        new JsonLine().number("b_calls", 3).string("a_note", "x").number("c_ratio", 0.5).toString();

    assertThat(json).isEqualTo("{\"b_calls\":3,\"a_note\":\"x\",\"c_ratio\":0.5}");
  }

  @Test
  void number_wholeDouble_writesNoFraction() {
    assertThat(new JsonLine().number("n", 3.0).toString()).isEqualTo("{\"n\":3}");
  }

  @Test
  void number_zero_writesZero() {
    assertThat(new JsonLine().number("n", 0.0).toString()).isEqualTo("{\"n\":0}");
  }

  @Test
  void number_large_writesPlainNotScientific() {
    assertThat(new JsonLine().number("n", 250_000).toString()).isEqualTo("{\"n\":250000}");
  }

  @Test
  void number_nan_throws() {
    assertThatThrownBy(() -> new JsonLine().number("n", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n");
  }

  @Test
  void string_quotesAndControls_areEscaped() {
    String json = new JsonLine().string("s", "a\"b\\c\nd\u0001").toString();

    assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\"}");
  }

  @Test
  void toString_empty_isEmptyObject() {
    assertThat(new JsonLine().toString()).isEqualTo("{}");
  }

  @Test
  void object_countsByName_isANestedObjectInOrder() {
    String line =
        new JsonLine()
            .number("orders", 3)
            .object(
                "faults_by_kind", new java.util.LinkedHashMap<>(java.util.Map.of("aws-error", 2L)))
            .toString();

    assertThat(line).isEqualTo("{\"orders\":3,\"faults_by_kind\":{\"aws-error\":2}}");
  }
}
