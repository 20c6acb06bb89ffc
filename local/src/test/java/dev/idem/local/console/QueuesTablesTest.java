package dev.idem.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.template.NotEmulated;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.StackSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The queue and table endpoints' checks that need no backend, and the item conversion. */
class QueuesTablesTest {

  private static final QueueSpec QUEUE =
      new QueueSpec(
          "Q",
          "q",
          false,
          false,
          Duration.ofSeconds(30),
          Duration.ofDays(4),
          Duration.ZERO,
          Duration.ZERO,
          null,
          null);

  @Test
  void peek_withAnotherBackend_409SayingPeekIsUnavailable() throws Exception {
    StackSpec stack =
        new StackSpec(
            List.of(),
            List.of(),
            List.of(QUEUE),
            List.of(),
            List.of(),
            Map.of(),
            new NotEmulated());
    // Port 9 (discard): the check must answer before any SQS call.
    try (AwsClients clients = AwsClients.create(URI.create("http://127.0.0.1:9"))) {
      Queues queues = new Queues(clients, stack, null, Clock.systemUTC());

      Response response =
          queues.handle(new Request("GET", "/_idem/api/queues/q", "peek=5", Map.of(), null));

      assertThat(response.status()).isEqualTo(409);
      JsonNode body = AwsJson.MAPPER.readTree(new String(response.body(), StandardCharsets.UTF_8));
      assertThat(body.path("error").asText()).isEqualTo("PeekUnavailable");
      assertThat(body.path("message").asText()).contains("--endpoint");
    }
  }

  @Test
  void keyValue_typedPerAttributeDefinition_wrongTypeRefused() {
    assertThat(Tables.keyValue("k", "S", "a")).isEqualTo(AttributeValue.fromS("a"));
    assertThat(Tables.keyValue("k", "N", "42.50")).isEqualTo(AttributeValue.fromN("42.50"));
    assertThat(Tables.keyValue("k", "B", "AAE="))
        .isEqualTo(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1})));
    assertThatThrownBy(() -> Tables.keyValue("k", "N", "abc"))
        .isInstanceOf(ConsoleApi.BadParameter.class)
        .hasMessage("k is a number (N), was abc");
    assertThatThrownBy(() -> Tables.keyValue("k", "B", "%%"))
        .isInstanceOf(ConsoleApi.BadParameter.class);
    assertThatThrownBy(() -> Tables.keyValue("k", "S", ""))
        .isInstanceOf(ConsoleApi.BadParameter.class);
  }

  @Test
  void plain_dynamoDbJson_becomesPlainJson() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("s", AttributeValue.fromS("text"));
    item.put("n", AttributeValue.fromN("12.5"));
    item.put("flag", AttributeValue.fromBool(true));
    item.put("none", AttributeValue.fromNul(true));
    item.put(
        "list",
        AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("x"))));
    item.put("map", AttributeValue.fromM(Map.of("inner", AttributeValue.fromS("y"))));
    item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
    item.put("ns", AttributeValue.fromNs(List.of("1", "2")));
    item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1})));

    assertThat(Tables.plain(item).toString())
        .isEqualTo(
            "{\"s\":\"text\",\"n\":12.5,\"flag\":true,\"none\":null,\"list\":[1,\"x\"],"
                + "\"map\":{\"inner\":\"y\"},\"ss\":[\"a\",\"b\"],\"ns\":[1,2],\"b\":\"AAE=\"}");
  }
}
