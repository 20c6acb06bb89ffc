package dev.idem.infra;

import dev.idem.infra.constructs.IdempotencyTable;
import dev.idem.infra.constructs.IdempotentFunction;
import dev.idem.infra.constructs.IdempotentFunctionProps;
import dev.idem.infra.constructs.ProvisionedConcurrency;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The six functions of the orders system, each an {@link IdempotentFunction} with the settings,
 * environment and table grants template.yaml gives it (a grant names a table and the item actions
 * the function calls on it, nothing more).
 */
final class OrderFunctions {

  static final String PLACE_ORDER = "dev.idem.functions.orders.PlaceOrderHandler::handleRequest";
  static final String GET_ORDER = "dev.idem.functions.orders.GetOrderHandler::handleRequest";
  static final String RELAY = "dev.idem.functions.relay.OrderEventsRelayHandler::handleRequest";
  static final String CAPTURE_PAYMENT =
      "dev.idem.functions.payments.CapturePaymentHandler::handleRequest";
  static final String RESERVE_INVENTORY =
      "dev.idem.functions.inventory.ReserveInventoryHandler::handleRequest";
  static final String NOTIFY_CUSTOMER =
      "dev.idem.functions.notifications.NotifyCustomerHandler::handleRequest";

  private static final Duration API_FUNCTION_TIMEOUT = Duration.seconds(10);

  /** The tables the functions use. */
  record Tables(ITable orders, ITable catalog, ITable inventory, IdempotencyTable idempotency) {}

  private final Construct scope;
  private final StageSettings settings;
  private final Code code;
  private final Tables tables;

  OrderFunctions(Construct scope, StageSettings settings, Code code, Tables tables) {
    this.scope = scope;
    this.settings = settings;
    this.code = code;
    this.tables = tables;
  }

  /** The insert is one TransactWriteItems (order + idempotency record): Put and ConditionCheck. */
  IdempotentFunction placeOrder() {
    IdempotentFunction fn =
        create(
            "PlaceOrder",
            apiFunction("PlaceOrder", PLACE_ORDER)
                .description(
                    "POST /orders - prices the lines from the catalog and inserts the order, once"
                        + " per Idempotency-Key.")
                .environment("CATALOG_TABLE", tables.catalog().getTableName())
                .idempotencyTable(tables.idempotency()));
    grant(fn, tables.orders(), "dynamodb:PutItem", "dynamodb:ConditionCheckItem");
    grant(fn, tables.catalog(), "dynamodb:GetItem", "dynamodb:BatchGetItem");
    return fn;
  }

  IdempotentFunction getOrder() {
    IdempotentFunction fn =
        create(
            "GetOrder",
            apiFunction("GetOrder", GET_ORDER)
                .description("GET /orders/{orderId} - reads one order."));
    grant(fn, tables.orders(), "dynamodb:GetItem");
    return fn;
  }

  /** The relay; its stream event source is the stack's to wire. */
  IdempotentFunction relay(IEventBus bus) {
    IdempotentFunction fn =
        create(
            "OrderEventsRelay",
            function("OrderEventsRelay", RELAY)
                .description(
                    "Orders table stream -> one domain event per order transition on the bus (no"
                        + " dual writes).")
                .serviceName("relay")
                .environment("EVENT_BUS_NAME", bus.getEventBusName())
                .idempotencyTable(tables.idempotency()));
    bus.grantPutEventsTo(fn.role());
    return fn;
  }

  IdempotentFunction capturePayment() {
    IdempotentFunction fn =
        create(
            "CapturePayment",
            function("CapturePayment", CAPTURE_PAYMENT)
                .description(
                    "OrderPlaced (payments queue) -> charges the payment provider once, marks the"
                        + " order PAID or PAYMENT_FAILED.")
                .serviceName("payments")
                .environment("ORDERS_TABLE", tables.orders().getTableName())
                .environment("PAYMENT_PROVIDER_URL", settings.paymentProviderUrl())
                .idempotencyTable(tables.idempotency()));
    grant(fn, tables.orders(), "dynamodb:GetItem", "dynamodb:UpdateItem");
    return fn;
  }

  /** Conditional stock decrements and the order update in one transaction. */
  IdempotentFunction reserveInventory() {
    IdempotentFunction fn =
        create(
            "ReserveInventory",
            function("ReserveInventory", RESERVE_INVENTORY)
                .description(
                    "OrderPlaced (inventory queue) -> reserves stock in one transaction, marks the"
                        + " order RESERVED or REJECTED.")
                .serviceName("inventory")
                .environment("ORDERS_TABLE", tables.orders().getTableName())
                .environment("INVENTORY_TABLE", tables.inventory().getTableName())
                .idempotencyTable(tables.idempotency()));
    grant(
        fn,
        tables.inventory(),
        "dynamodb:GetItem",
        "dynamodb:UpdateItem",
        "dynamodb:ConditionCheckItem");
    grant(fn, tables.orders(), "dynamodb:GetItem", "dynamodb:UpdateItem");
    return fn;
  }

  IdempotentFunction notifyCustomer() {
    return create(
        "NotifyCustomer",
        function("NotifyCustomer", NOTIFY_CUSTOMER)
            .description(
                "Payment* and Inventory* events (notifications queue) -> one message per event"
                    + " through the provider.")
            .serviceName("notifications")
            .environment("NOTIFICATION_PROVIDER_URL", settings.notificationProviderUrl())
            .idempotencyTable(tables.idempotency()));
  }

  private IdempotentFunction create(String id, IdempotentFunctionProps.Builder props) {
    return new IdempotentFunction(scope, id, props.build());
  }

  private IdempotentFunctionProps.Builder function(String name, String handler) {
    return IdempotentFunctionProps.builder(handler)
        .code(code)
        .runtime(settings.javaRuntime())
        .logGroupName("/idem/" + settings.stage() + "/functions/" + name);
  }

  /** Behind the API: a shorter timeout, and the stage's scaling mode on the alias. */
  private IdempotentFunctionProps.Builder apiFunction(String name, String handler) {
    int provisioned = settings.apiProvisionedConcurrency();
    return function(name, handler)
        .timeout(API_FUNCTION_TIMEOUT)
        .serviceName("orders")
        .environment("ORDERS_TABLE", tables.orders().getTableName())
        .provisionedConcurrency(
            provisioned == 0
                ? null
                : ProvisionedConcurrency.of(provisioned, settings.apiProvisionedConcurrencyMax()))
        .snapStart(settings.apiSnapStart());
  }

  private static void grant(IdempotentFunction fn, ITable table, String... actions) {
    Grant.addToPrincipal(
        GrantOnPrincipalOptions.builder()
            .grantee(fn.role())
            .actions(List.of(actions))
            .resourceArns(List.of(table.getTableArn()))
            .build());
  }
}
