package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

/** The sample events read into the beans with every field the adapters use. */
class FixturesTest {

  @Test
  void restRequest_sampleEvent_readsHeadersPathAndAuthorizer() {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest();

    assertThat(RestApiEvents.header(request, "idempotency-key"))
        .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    assertThat(RestApiEvents.method(request)).isEqualTo("POST");
    assertThat(RestApiEvents.path(request)).isEqualTo("/orders/o-1/items");
    assertThat(RestApiEvents.caller(request)).isEqualTo("principal:user-1");
  }

  @Test
  void restRequest_withoutPath_resolvesTheResourceTemplate() {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest().withPath(null);

    assertThat(RestApiEvents.path(request)).isEqualTo("/orders/o-1/items");
  }

  @Test
  void httpApiRequest_sampleEvent_readsHeadersPathAndJwtSubject() {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();

    assertThat(HttpApiEvents.header(request, "Idempotency-Key"))
        .isEqualTo("0b2f5d5e-6f0e-4a8e-9f5e-2f6c1d7a9b10");
    assertThat(HttpApiEvents.method(request)).isEqualTo("POST");
    assertThat(HttpApiEvents.path(request)).isEqualTo("/orders");
    assertThat(HttpApiEvents.caller(request)).isEqualTo("sub:user-1");
  }

  @Test
  void sqsBatches_sampleEvents_readArnsAndGroups() {
    SQSEvent standard = Fixtures.standardBatch();
    SQSEvent fifo = Fixtures.fifoBatch();

    assertThat(standard.getRecords()).hasSize(3);
    assertThat(standard.getRecords().get(0).getEventSourceArn()).endsWith(":payments");
    assertThat(fifo.getRecords()).hasSize(5);
    assertThat(fifo.getRecords().get(0).getEventSourceArn()).endsWith(".fifo");
    assertThat(fifo.getRecords().get(1).getAttributes()).containsEntry("MessageGroupId", "g2");
  }
}
