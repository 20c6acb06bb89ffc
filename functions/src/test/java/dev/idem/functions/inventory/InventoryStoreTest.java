package dev.idem.functions.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.events.OrderPlaced;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

class InventoryStoreTest {

  @Test
  void quantities_linesOfOneSku_addUpInFirstSeenOrder() {
    List<OrderPlaced.Line> lines =
        List.of(
            new OrderPlaced.Line("SKU-002", 1, 100),
            new OrderPlaced.Line("SKU-001", 2, 100),
            new OrderPlaced.Line("SKU-002", 3, 100));

    assertThat(InventoryStore.quantities(lines))
        .containsExactly(Map.entry("SKU-002", 4), Map.entry("SKU-001", 2));
  }

  @Test
  void decrement_takesTheQuantityOnlyIfThatManyAreAvailable() {
    Update update = new InventoryStore(null, "inventory").decrement("SKU-012", 3);

    assertThat(update.tableName()).isEqualTo("inventory");
    assertThat(update.key()).isEqualTo(Map.of("sku", AttributeValue.fromS("SKU-012")));
    assertThat(update.updateExpression()).isEqualTo("SET #available = #available - :quantity");
    assertThat(update.conditionExpression()).isEqualTo("#available >= :quantity");
    assertThat(update.expressionAttributeValues())
        .isEqualTo(Map.of(":quantity", AttributeValue.fromN("3")));
  }
}
