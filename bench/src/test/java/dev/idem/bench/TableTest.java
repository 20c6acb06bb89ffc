package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void render_mixedAlignments_padsColumnsToWidestCell() {
    String text = new Table("LRL", "mode", "n", "ops").row("bare", "1000", "PutItem 1").render();

    assertThat(text).isEqualTo("mode     n  ops\nbare  1000  PutItem 1\n");
  }

  @Test
  void row_wrongCellCount_throws() {
    Table table = new Table("LR", "a", "b");

    assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_unknownAlignment_throws() {
    assertThatThrownBy(() -> new Table("LX", "a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
