package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class OrderItemsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00.123Z");

  @Test
  void toItem_placedOrder_hasTheDesignedAttributesOnly() {
    Map<String, AttributeValue> item = OrderItems.toItem(placed());

    assertThat(item)
        .containsOnlyKeys(
            "orderId",
            "customerId",
            "currency",
            "total",
            "lines",
            "status",
            "inventory",
            "correlationId",
            "causationId",
            "createdAt",
            "updatedAt",
            "version");
    assertThat(item.get("status").s()).isEqualTo("PLACED");
    assertThat(item.get("inventory").s()).isEqualTo("PENDING");
    assertThat(item.get("version").n()).isEqualTo("1");
    assertThat(item.get("createdAt").s()).isEqualTo("2026-11-26T10:00:00.123Z");
    assertThat(item.get("lines").l().get(0).m())
        .containsOnlyKeys("sku", "quantity", "unitPrice", "lineTotal")
        .containsEntry("lineTotal", AttributeValue.fromN("4980"));
  }

  @Test
  void fromItem_itemOfAnOrder_isTheSameOrder() {
    Order paid =
        new Order(
            "o-1",
            "c-1",
            "EUR",
            4980,
            placed().lines(),
            OrderStatus.PAID,
            InventoryStatus.RESERVED,
            "pay_1",
            null,
            "corr-1",
            "cause-2",
            NOW,
            NOW.plusSeconds(2),
            2);

    assertThat(OrderItems.fromItem(OrderItems.toItem(paid))).isEqualTo(paid);
  }

  @Test
  void fromItem_missingAttribute_namesIt() {
    Map<String, AttributeValue> item = new java.util.HashMap<>(OrderItems.toItem(placed()));
    item.remove("correlationId");

    assertThatThrownBy(() -> OrderItems.fromItem(item)).hasMessageContaining("correlationId");
  }

  private static Order placed() {
    return Order.placed(
        "o-1",
        "c-1",
        "EUR",
        new PricedLines(List.of(new OrderLine("SKU-001", 2, 2490, 4980)), 4980),
        "corr-1",
        "req-1",
        NOW);
  }
}
