package dev.idem.functions.fulfilment;

import dev.idem.functions.orders.InventoryStatus;
import dev.idem.functions.orders.OrderItems;
import dev.idem.functions.orders.OrderStatus;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Reads and changes orders in the Orders table. Thread-safe. */
public final class OrderStore {

  private final DynamoDbClient dynamo;
  private final String table;
  private final OrderTransitions transitions;

  /** The orders in {@code table}; changes are stamped with {@code clock}'s time. */
  public OrderStore(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.transitions = new OrderTransitions(table, clock);
  }

  /** The transitions of this table's orders. */
  public OrderTransitions transitions() {
    return transitions;
  }

  /**
   * Where the order stands now (a strongly consistent read).
   *
   * @return empty when there is no such order
   * @throws IllegalArgumentException when the item holds a status or inventory state this code does
   *     not know
   */
  public Optional<OrderState> find(String orderId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(r ->
                r.tableName(table)
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .consistentRead(true)
                    .projectionExpression("#status, #inventory")
                    .expressionAttributeNames(
                        Map.of("#status", OrderItems.STATUS, "#inventory", OrderItems.INVENTORY)))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new OrderState(
            orderId,
            OrderStatus.valueOf(item.get(OrderItems.STATUS).s()),
            InventoryStatus.valueOf(item.get(OrderItems.INVENTORY).s())));
  }

  /**
   * Applies a transition that records {@code paymentId} ({@link OrderTransitions#paid} or {@link
   * OrderTransitions#paidWhileCancelled}). Also true when the order already carries this payment
   * id: the write took effect but its answer was lost, and the SDK's retry failed the condition.
   *
   * @return false when the order is not in the state the transition leaves, without this payment
   */
  public boolean recordPayment(Update transition, String paymentId) {
    try {
      dynamo.updateItem(OrderTransitions.request(transition));
      return true;
    } catch (ConditionalCheckFailedException notThere) {
      AttributeValue recorded =
          notThere.hasItem() ? notThere.item().get(OrderItems.PAYMENT_ID) : null;
      return recorded != null && paymentId.equals(recorded.s());
    }
  }

  /**
   * Applies a transition.
   *
   * @return false when the order was not in the state the transition leaves (nothing changed)
   */
  public boolean apply(Update transition) {
    try {
      dynamo.updateItem(OrderTransitions.request(transition));
      return true;
    } catch (ConditionalCheckFailedException notInThatState) {
      return false;
    }
  }
}
