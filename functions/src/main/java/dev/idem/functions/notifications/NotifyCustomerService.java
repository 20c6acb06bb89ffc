package dev.idem.functions.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventType;
import dev.idem.events.OrderEventData;
import dev.idem.functions.common.ProviderClient;
import dev.idem.functions.common.ProviderClient.ProviderResponse;
import dev.idem.functions.common.ProviderUnavailableException;
import dev.idem.functions.fulfilment.Telemetry;
import java.util.Map;
import java.util.Set;

/**
 * Sends the customer one message per payment or inventory event: {@code POST /messages} with body
 * {@code {"orderId","template":"<DetailType>","eventId"}} under the {@code Idempotency-Key} {@code
 * notify-<eventId>}, so the provider deduplicates a retry of ours as well. Thread-safe.
 */
public final class NotifyCustomerService {

  /** The events a customer hears about. */
  public static final Set<EventType> NOTIFIED =
      Set.of(
          EventType.PAYMENT_CAPTURED,
          EventType.PAYMENT_FAILED,
          EventType.INVENTORY_RESERVED,
          EventType.INVENTORY_REJECTED);

  private final ProviderClient provider;
  private final ObjectMapper mapper;
  private final Telemetry telemetry;

  /** A service sending through {@code provider}. */
  public NotifyCustomerService(ProviderClient provider, ObjectMapper mapper, Telemetry telemetry) {
    this.provider = provider;
    this.mapper = mapper;
    this.telemetry = telemetry;
  }

  /** The provider's idempotency key of an event's message. */
  public static String messageKey(String eventId) {
    return "notify-" + eventId;
  }

  /**
   * Sends the message about {@code event}.
   *
   * @throws ProviderUnavailableException when the provider timed out or failed: retry the event
   * @throws IllegalStateException when the provider refused the message (a 4xx): retry, then
   *     dead-letter
   */
  public void send(DomainEvent<OrderEventData> event) {
    String eventId = event.metadata().eventId();
    ObjectNode body = mapper.createObjectNode();
    body.put("orderId", event.data().orderId())
        .put("template", event.detailType())
        .put("eventId", eventId);
    ProviderResponse response = provider.post("/messages", messageKey(eventId), body.toString());
    if (response.status() < 200 || response.status() > 299) {
      throw new IllegalStateException(
          "The notification provider answered " + response.status() + " to POST /messages");
    }
    telemetry
        .log()
        .info(
            "customer notified",
            event.metadata().correlationId(),
            Map.of(
                "orderId", event.data().orderId(),
                "template", event.detailType(),
                "messageId", messageId(response.body())));
    telemetry.metrics().count("NotificationsSent", 1);
  }

  private String messageId(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : mapper.readTree(body);
      JsonNode id =
          node == null ? null : node.has("messageId") ? node.get("messageId") : node.get("id");
      return id == null ? "unknown" : id.asText();
    } catch (JsonProcessingException notJson) {
      return "unknown";
    }
  }
}
