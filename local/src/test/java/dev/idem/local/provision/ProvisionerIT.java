package dev.idem.local.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.edge.LocalAws;
import dev.idem.local.edge.LocalAwsExtension;
import dev.idem.local.template.StreamEvent;
import dev.idem.local.template.Template;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The repository's template.yaml provisioned into the local backends through the edge. */
@ExtendWith(LocalAwsExtension.class)
class ProvisionerIT {

  private static final String BUS = "idem-orders-provisioner-it";
  private static Template template;
  private static ProvisionedStack provisioned;

  @BeforeAll
  static void provision(LocalAws aws) {
    template = Template.load(Path.of("../template.yaml"), Map.of("StageName", "provisioner-it"));
    provisioned = new Provisioner(aws.clients()).provision(template);
  }

  private static Map<QueueAttributeName, String> attributes(LocalAws aws, String logicalId) {
    String url = provisioned.ids().ref(logicalId);
    return aws.clients()
        .sqs()
        .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributes();
  }

  @Test
  void provision_tables_keysStreamAndTtl(LocalAws aws) {
    TableDescription orders =
        aws.clients().dynamoDb().describeTable(r -> r.tableName("OrdersTable")).table();
    var ttl =
        aws.clients()
            .dynamoDb()
            .describeTimeToLive(r -> r.tableName("IdempotencyTable"))
            .timeToLiveDescription();

    assertThat(aws.clients().dynamoDb().listTables().tableNames())
        .contains("OrdersTable", "CatalogTable", "InventoryTable", "IdempotencyTable");
    assertThat(orders.keySchema().get(0).attributeName()).isEqualTo("orderId");
    assertThat(orders.streamSpecification().streamEnabled()).isTrue();
    assertThat(orders.streamSpecification().streamViewTypeAsString())
        .isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(ttl.attributeName()).isEqualTo("expiration");
    assertThat(ttl.timeToLiveStatusAsString()).isEqualTo("ENABLED");
    StreamEvent relay =
        (StreamEvent)
            provisioned.stack().function("OrderEventsRelayFunction").orElseThrow().events().get(0);
    assertThat(relay.streamArn()).isEqualTo(orders.latestStreamArn());
  }

  @Test
  void provision_queues_redriveToDlqsAndVisibility(LocalAws aws) throws Exception {
    Map<QueueAttributeName, String> payments = attributes(aws, "PaymentsQueue");
    String paymentsDlqArn = attributes(aws, "PaymentsDLQ").get(QueueAttributeName.QUEUE_ARN);

    JsonNode redrive = new ObjectMapper().readTree(payments.get(QueueAttributeName.REDRIVE_POLICY));
    assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(paymentsDlqArn);
    assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(5);
    assertThat(payments.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("180");
    assertThat(attributes(aws, "ReviewQueue").get(QueueAttributeName.VISIBILITY_TIMEOUT))
        .isEqualTo("300");
    assertThat(provisioned.stack().queues()).hasSize(10);
    assertThat(provisioned.stack().outputs().get("PaymentsQueueUrl"))
        .isEqualTo(aws.edgeUrl() + "/000000000000/PaymentsQueue");
  }

  @Test
  void provision_busAndRules_targetsWithDeadLetterQueue(LocalAws aws) throws Exception {
    var events = aws.clients().events();

    assertThat(events.describeEventBus(r -> r.name(BUS)).arn()).endsWith(":event-bus/" + BUS);
    assertThat(events.listRules(r -> r.eventBusName(BUS)).rules()).hasSize(4);
    List<Target> targets =
        events.listTargetsByRule(r -> r.rule("HighValueOrderToReview").eventBusName(BUS)).targets();
    assertThat(targets).hasSize(1);
    assertThat(targets.get(0).arn()).isEqualTo(provisioned.ids().getAtt("ReviewQueue", "Arn"));
    assertThat(targets.get(0).deadLetterConfig().arn())
        .isEqualTo(provisioned.ids().getAtt("EventRoutingDLQ", "Arn"));
    String pattern =
        events.describeRule(r -> r.name("HighValueOrderToReview").eventBusName(BUS)).eventPattern();
    assertThat(new ObjectMapper().readTree(pattern).at("/detail/data/total/0/numeric/1").asLong())
        .isEqualTo(100000L);
  }

  @Test
  void provision_placeOrderEnvironment_namesRealTables(LocalAws aws) {
    Map<String, String> environment =
        provisioned.stack().function("PlaceOrderFunction").orElseThrow().environment();

    assertThat(environment)
        .containsEntry("ORDERS_TABLE", "OrdersTable")
        .containsEntry("CATALOG_TABLE", "CatalogTable")
        .containsEntry("IDEMPOTENCY_TABLE", "IdempotencyTable");
    assertThat(aws.clients().dynamoDb().listTables().tableNames())
        .contains(
            environment.get("ORDERS_TABLE"),
            environment.get("CATALOG_TABLE"),
            environment.get("IDEMPOTENCY_TABLE"));
    assertThat(provisioned.stack().function("OrderEventsRelayFunction").orElseThrow().environment())
        .containsEntry("EVENT_BUS_NAME", BUS);
  }

  @Test
  void provision_highValueOrderOnBus_reachesReviewAndPaymentsQueues(LocalAws aws) {
    aws.clients()
        .events()
        .putEvents(r ->
            r.entries(
                PutEventsRequestEntry.builder()
                    .eventBusName(BUS)
                    .source("idem.orders")
                    .detailType("OrderPlaced")
                    .detail("{\"data\":{\"orderId\":\"o-prov\",\"total\":150000}}")
                    .build()));

    assertThat(receive(aws, provisioned.ids().ref("ReviewQueue"))).contains("o-prov");
    assertThat(receive(aws, provisioned.ids().ref("PaymentsQueue"))).contains("o-prov");
  }

  @Test
  void provision_secondRun_takesExistingResources(LocalAws aws) {
    ProvisionedStack again = new Provisioner(aws.clients()).provision(template);

    assertThat(again.stack().tables()).hasSize(4);
    assertThat(again.ids().ref("PaymentsQueue")).isEqualTo(provisioned.ids().ref("PaymentsQueue"));
  }

  private static String receive(LocalAws aws, String url) {
    List<String> bodies = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (bodies.isEmpty() && Instant.now().isBefore(deadline)) {
      aws
          .clients()
          .sqs()
          .receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10))
          .messages()
          .stream()
          .map(Message::body)
          .forEach(bodies::add);
    }
    return String.join("\n", bodies);
  }
}
