package dev.idem.idempotency.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's examples do what the README says. */
class ReadmeExamplesTest {

  @Test
  void createOrderHandler_sameKeyTwice_replaysFirstResponse() {
    CreateOrderHandler handler = new CreateOrderHandler(new InMemoryIdempotencyStore());
    APIGatewayProxyRequestEvent request =
        new APIGatewayProxyRequestEvent()
            .withHttpMethod("POST")
            .withPath("/orders")
            .withHeaders(Map.of("Idempotency-Key", "7d0f6c1e"))
            .withBody("{\"sku\":\"SKU-1\"}");

    APIGatewayProxyResponseEvent first = handler.handleRequest(request, null);
    APIGatewayProxyResponseEvent second = handler.handleRequest(request, null);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(second.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void chargeHandler_redeliveredMessage_chargesOnce() {
    List<String> charges = new ArrayList<>();
    ChargeHandler handler = new ChargeHandler(new InMemoryIdempotencyStore(), charges::add);
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId("m-1");
    message.setBody("{\"orderId\":\"o-1\",\"amount\":4200}");
    message.setEventSourceArn("arn:aws:sqs:eu-west-1:123456789012:payments");
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(message));

    SQSBatchResponse first = handler.handleRequest(event, null);
    SQSBatchResponse redelivery = handler.handleRequest(event, null);

    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(redelivery.getBatchItemFailures()).isEmpty();
    assertThat(charges).hasSize(1);
  }
}
