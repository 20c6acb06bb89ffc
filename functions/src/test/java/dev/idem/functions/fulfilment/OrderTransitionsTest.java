package dev.idem.functions.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.testing.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class OrderTransitionsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:05Z");

  private final OrderTransitions transitions = new OrderTransitions("orders", new TestClock(NOW));

  @Test
  void paid_fromPlaced_setsStatusPaymentIdAndStampsTheChange() {
    Update update = transitions.paid("o-1", "pay_1", "event-1");

    assertThat(update.tableName()).isEqualTo("orders");
    assertThat(update.key()).isEqualTo(Map.of("orderId", s("o-1")));
    assertThat(update.conditionExpression()).isEqualTo("#status = :fromStatus");
    assertThat(update.updateExpression())
        .startsWith("SET ")
        .contains("#status = :status", "#paymentId = :paymentId", "#updatedAt = :updatedAt")
        .contains("#causationId = :causationId")
        .endsWith("#version = #version + :one");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":fromStatus", s("PLACED"))
        .containsEntry(":status", s("PAID"))
        .containsEntry(":paymentId", s("pay_1"))
        .containsEntry(":causationId", s("event-1"))
        .containsEntry(":updatedAt", s("2026-11-26T10:00:05Z"))
        .containsEntry(":one", AttributeValue.fromN("1"));
    assertThat(update.expressionAttributeNames()).containsEntry("#status", "status");
    assertThat(update.updateExpression()).doesNotContain("correlationId");
  }

  @Test
  void paymentFailed_fromPlaced_recordsTheReason() {
    Update update = transitions.paymentFailed("o-1", "card_declined", "event-1");

    assertThat(update.conditionExpression()).isEqualTo("#status = :fromStatus");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":status", s("PAYMENT_FAILED"))
        .containsEntry(":failureReason", s("card_declined"));
  }

  @Test
  void reserved_fromPendingInventory_leavesTheStatusAlone() {
    Update update = transitions.reserved("o-1", "event-2");

    assertThat(update.conditionExpression()).isEqualTo("#inventory = :fromInventory");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":fromInventory", s("PENDING"))
        .containsEntry(":inventory", s("RESERVED"))
        .doesNotContainKey(":status");
  }

  @Test
  void rejected_fromPendingInventory_cancelsTheOrderAndNamesTheShortSkus() {
    Update update = transitions.rejected("o-1", "out of stock", List.of("SKU-012"), "event-2");

    assertThat(update.conditionExpression()).isEqualTo("#inventory = :fromInventory");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":inventory", s("REJECTED"))
        .containsEntry(":status", s("CANCELLED"))
        .containsEntry(":failureReason", s("out of stock"))
        .containsEntry(":rejectedSkus", AttributeValue.fromL(List.of(s("SKU-012"))));
  }

  @Test
  void fulfilled_onlyFromPaidAndReserved() {
    Update update = transitions.fulfilled("o-1", "event-3");

    assertThat(update.conditionExpression())
        .isEqualTo("#status = :fromStatus AND #inventory = :fromInventory");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":fromStatus", s("PAID"))
        .containsEntry(":fromInventory", s("RESERVED"))
        .containsEntry(":status", s("FULFILLED"));
    assertThat(update.expressionAttributeNames())
        .containsEntry("#status", "status")
        .containsEntry("#inventory", "inventory");
  }

  @Test
  void request_copiesTheUpdateAndAsksForTheItemWhenTheConditionFails() {
    Update update = transitions.fulfilled("o-1", "event-3");

    UpdateItemRequest request = OrderTransitions.request(update);

    assertThat(request.tableName()).isEqualTo(update.tableName());
    assertThat(request.key()).isEqualTo(update.key());
    assertThat(request.updateExpression()).isEqualTo(update.updateExpression());
    assertThat(request.conditionExpression()).isEqualTo(update.conditionExpression());
    assertThat(request.expressionAttributeNames()).isEqualTo(update.expressionAttributeNames());
    assertThat(request.expressionAttributeValues()).isEqualTo(update.expressionAttributeValues());
    assertThat(request.returnValuesOnConditionCheckFailure())
        .isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
