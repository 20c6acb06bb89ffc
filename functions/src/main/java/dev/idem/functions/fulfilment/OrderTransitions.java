package dev.idem.functions.fulfilment;

import dev.idem.functions.orders.InventoryStatus;
import dev.idem.functions.orders.OrderItems;
import dev.idem.functions.orders.OrderStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The order's transitions after it was placed, as conditional updates of the Orders table: each
 * applies only from the state it leaves, bumps {@code version}, and stamps {@code updatedAt} and
 * the {@code causationId} of the event that caused it; {@code correlationId} stays as placed. The
 * updates come as transaction items ({@link Update}), so they can join a transaction; {@link
 * #request(Update)} makes one a single {@code UpdateItem}. Thread-safe.
 */
public final class OrderTransitions {

  private final String table;
  private final Clock clock;

  /** Transitions of the orders in {@code table}, stamped with {@code clock}'s time. */
  public OrderTransitions(String table, Clock clock) {
    this.table = table;
    this.clock = clock;
  }

  /** {@code PLACED → PAID}, recording the provider's payment id. */
  public Update paid(String orderId, String paymentId, String causationId) {
    return transition(
        orderId,
        Guard.status(OrderStatus.PLACED),
        Map.of(OrderItems.STATUS, s(OrderStatus.PAID.name()), OrderItems.PAYMENT_ID, s(paymentId)),
        causationId);
  }

  /**
   * The payment id recorded on an order cancelled while it was being charged (its stock was
   * rejected between the read that found it PLACED and the provider's answer): the order stays
   * CANCELLED, and carries the charge that must be refunded. Only once: not over another payment.
   */
  public Update paidWhileCancelled(String orderId, String paymentId, String causationId) {
    return transition(
        orderId,
        Guard.status(OrderStatus.CANCELLED).and(Guard.noPayment()),
        Map.of(OrderItems.PAYMENT_ID, s(paymentId)),
        causationId);
  }

  /** {@code PLACED → PAYMENT_FAILED}, recording why. */
  public Update paymentFailed(String orderId, String reason, String causationId) {
    return transition(
        orderId,
        Guard.status(OrderStatus.PLACED),
        Map.of(
            OrderItems.STATUS,
            s(OrderStatus.PAYMENT_FAILED.name()),
            OrderItems.FAILURE_REASON,
            s(reason)),
        causationId);
  }

  /** Inventory {@code PENDING → RESERVED}. */
  public Update reserved(String orderId, String causationId) {
    return transition(
        orderId,
        Guard.inventory(InventoryStatus.PENDING),
        Map.of(OrderItems.INVENTORY, s(InventoryStatus.RESERVED.name())),
        causationId);
  }

  /**
   * Inventory {@code PENDING → REJECTED}, and the order {@code CANCELLED} whatever its payment
   * status (a paid order needs a refund, which is out of scope), recording why and the SKUs that
   * were short ({@code rejectedSkus}).
   */
  public Update rejected(String orderId, String reason, List<String> skus, String causationId) {
    Map<String, AttributeValue> changes = new LinkedHashMap<>();
    changes.put(OrderItems.INVENTORY, s(InventoryStatus.REJECTED.name()));
    changes.put(OrderItems.STATUS, s(OrderStatus.CANCELLED.name()));
    changes.put(OrderItems.FAILURE_REASON, s(reason));
    changes.put(
        OrderItems.REJECTED_SKUS,
        AttributeValue.fromL(skus.stream().map(OrderTransitions::s).toList()));
    return transition(orderId, Guard.inventory(InventoryStatus.PENDING), changes, causationId);
  }

  /** {@code PAID} with inventory {@code RESERVED} {@code → FULFILLED}. */
  public Update fulfilled(String orderId, String causationId) {
    return transition(
        orderId,
        Guard.status(OrderStatus.PAID).and(Guard.inventory(InventoryStatus.RESERVED)),
        Map.of(OrderItems.STATUS, s(OrderStatus.FULFILLED.name())),
        causationId);
  }

  /**
   * The same update as a single {@code UpdateItem}, returning the item when its condition fails.
   */
  public static UpdateItemRequest request(Update update) {
    return UpdateItemRequest.builder()
        .tableName(update.tableName())
        .key(update.key())
        .updateExpression(update.updateExpression())
        .conditionExpression(update.conditionExpression())
        .expressionAttributeNames(update.expressionAttributeNames())
        .expressionAttributeValues(update.expressionAttributeValues())
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private Update transition(
      String orderId, Guard guard, Map<String, AttributeValue> changes, String causationId) {
    Map<String, AttributeValue> sets = new LinkedHashMap<>(changes);
    sets.put("updatedAt", s(clock.instant().toString()));
    sets.put("causationId", s(causationId));
    Map<String, String> names = new HashMap<>(guard.names());
    Map<String, AttributeValue> values = new HashMap<>(guard.values());
    List<String> assignments = new ArrayList<>();
    sets.forEach((attribute, value) -> {
      names.put("#" + attribute, attribute);
      values.put(":" + attribute, value);
      assignments.add("#" + attribute + " = :" + attribute);
    });
    names.put("#version", "version");
    values.put(":one", AttributeValue.fromN("1"));
    assignments.add("#version = #version + :one");
    return Update.builder()
        .tableName(table)
        .key(Map.of("orderId", s(orderId)))
        .updateExpression("SET " + String.join(", ", assignments))
        .conditionExpression(guard.expression())
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  /** The state a transition leaves; an absent order never matches. */
  private record Guard(
      String expression, Map<String, String> names, Map<String, AttributeValue> values) {

    static Guard status(OrderStatus status) {
      return new Guard(
          "#status = :fromStatus",
          Map.of("#status", OrderItems.STATUS),
          Map.of(":fromStatus", s(status.name())));
    }

    static Guard inventory(InventoryStatus state) {
      return new Guard(
          "#inventory = :fromInventory",
          Map.of("#inventory", OrderItems.INVENTORY),
          Map.of(":fromInventory", s(state.name())));
    }

    static Guard noPayment() {
      return new Guard(
          "attribute_not_exists(#paymentId)",
          Map.of("#paymentId", OrderItems.PAYMENT_ID),
          Map.of());
    }

    Guard and(Guard other) {
      Map<String, String> allNames = new HashMap<>(names);
      allNames.putAll(other.names);
      Map<String, AttributeValue> allValues = new HashMap<>(values);
      allValues.putAll(other.values);
      return new Guard(expression + " AND " + other.expression, allNames, allValues);
    }
  }
}
