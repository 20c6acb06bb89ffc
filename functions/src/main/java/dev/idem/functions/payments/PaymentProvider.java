package dev.idem.functions.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.functions.common.ProviderClient;
import dev.idem.functions.common.ProviderClient.ProviderResponse;
import dev.idem.functions.common.ProviderUnavailableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The external payment provider: {@code POST /charges} with body {@code
 * {"orderId","amount","currency"}} under an {@code Idempotency-Key} that names the order's charge,
 * so a retry of ours is deduplicated by the provider too. Answers: 201 {@code {"paymentId"}} (or
 * {@code {"id"}}) captured; 402 {@code {"reason"}} declined. A charge can be looked up by its key:
 * {@code GET /charges?idempotencyKey=K} answers the charges made under it, as a JSON list of {@code
 * {"id", "status", ...}} (payment providers offer such a search, e.g. by metadata or reference),
 * which tells a charge whose answer was lost from one never made. Thread-safe.
 */
public final class PaymentProvider {

  static final String DEFAULT_DECLINE_REASON = "payment_declined";

  private final ProviderClient client;
  private final ObjectMapper mapper;

  /** The provider behind {@code client}. */
  public PaymentProvider(ProviderClient client, ObjectMapper mapper) {
    this.client = client;
    this.mapper = mapper;
  }

  /** The provider's idempotency key of an order's charge: the same for every attempt. */
  public static String chargeKey(String orderId) {
    return "charge-" + orderId;
  }

  /**
   * Charges {@code amount} minor units of {@code currency} for the order.
   *
   * @throws ProviderUnavailableException on a timeout, a connection failure or a 5xx: retryable
   * @throws IllegalStateException when the provider answers anything else it should not
   */
  public ChargeResult charge(String orderId, long amount, String currency) {
    ObjectNode body = mapper.createObjectNode();
    body.put("orderId", orderId).put("amount", amount).put("currency", currency);
    return interpret(client.post("/charges", chargeKey(orderId), body.toString()), mapper);
  }

  /**
   * The charge made for the order, if the provider holds one: asked when the answer to a charge may
   * have been lost and the order can no longer be charged (it was cancelled meanwhile).
   *
   * @throws ProviderUnavailableException on a timeout, a connection failure or a 5xx: retryable
   */
  public Optional<ChargeResult.Captured> findCharge(String orderId) {
    String key = URLEncoder.encode(chargeKey(orderId), StandardCharsets.UTF_8);
    ProviderResponse response = client.get("/charges?idempotencyKey=" + key);
    if (response.status() != 200) {
      throw new IllegalStateException(
          "The payment provider answered " + response.status() + " to a charge lookup");
    }
    try {
      for (JsonNode charge : mapper.readTree(response.body())) {
        int status = charge.path("status").asInt(201);
        String id = text(charge, "paymentId", text(charge, "id", null));
        if ((status == 200 || status == 201) && id != null) {
          return Optional.of(new ChargeResult.Captured(id));
        }
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The payment provider's charge lookup is not JSON", e);
    }
  }

  /** The result of a provider's answer to a charge (any status below 500). */
  static ChargeResult interpret(ProviderResponse response, ObjectMapper mapper) {
    JsonNode body = parse(response.body(), mapper);
    return switch (response.status()) {
      case 200, 201 -> new ChargeResult.Captured(paymentId(body, response.status()));
      case 402 -> new ChargeResult.Declined(text(body, "reason", DEFAULT_DECLINE_REASON));
      default ->
          throw new IllegalStateException(
              "The payment provider answered " + response.status() + " to POST /charges");
    };
  }

  private static String paymentId(JsonNode body, int status) {
    String id = text(body, "paymentId", text(body, "id", null));
    if (id == null) {
      throw new IllegalStateException(
          "The payment provider answered " + status + " without a paymentId or id");
    }
    return id;
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode value = body.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? value.asText()
        : fallback;
  }

  private static JsonNode parse(String body, ObjectMapper mapper) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : mapper.readTree(body);
      return node != null && node.isObject() ? node : mapper.createObjectNode();
    } catch (JsonProcessingException notJson) {
      return mapper.createObjectNode();
    }
  }
}
