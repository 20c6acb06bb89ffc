package dev.idem.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** SQS (JSON and query protocols), EventBridge, health and unroutable requests on the edge port. */
@ExtendWith(LocalAwsExtension.class)
class EdgeSqsEventsIT {

  private static final String SIGNED_FOR_SQS =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/sqs/aws4_request, "
          + "SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef";

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(LocalAws aws, String contentType, String auth, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(aws.edgeUrl().resolve("/"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sqsClient_createSendReceive_queueUrlNamesEdgePort(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();

    String url = sqs.createQueue(r -> r.queueName("edge-sqs-it")).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("hello"));
    var received =
        sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10))
            .messages();

    assertThat(url).isEqualTo(aws.edgeUrl() + "/000000000000/edge-sqs-it");
    assertThat(received).extracting(Message::body).containsExactly("hello");
  }

  @Test
  void queryProtocol_signedFormPost_listsQueuesAsXml(LocalAws aws) throws Exception {
    aws.clients().sqs().createQueue(r -> r.queueName("edge-query-it"));

    HttpResponse<String> signed =
        post(
            aws,
            "application/x-www-form-urlencoded; charset=utf-8",
            SIGNED_FOR_SQS,
            "Action=ListQueues&Version=2012-11-05");
    HttpResponse<String> unsigned =
        post(
            aws,
            "application/x-www-form-urlencoded",
            null,
            "Action=ListQueues&QueueNamePrefix=edge-query");

    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.body())
        .contains("ListQueuesResponse")
        .contains(aws.edgeUrl() + "/000000000000/edge-query-it");
    assertThat(unsigned.statusCode()).isEqualTo(200);
    assertThat(unsigned.body()).contains("edge-query-it");
  }

  @Test
  void eventBridgeClient_createAndListBuses_throughEdge(LocalAws aws) {
    aws.clients().events().createEventBus(r -> r.name("edge-events-it"));

    var buses =
        aws.clients().events().listEventBuses(r -> r.namePrefix("edge-events")).eventBuses();

    assertThat(buses)
        .extracting(EventBus::arn)
        .containsExactly("arn:aws:events:us-east-1:000000000000:event-bus/edge-events-it");
  }

  @Test
  void unroutableRequest_400JsonNamingWhatWasReceived(LocalAws aws) throws Exception {
    HttpResponse<String> anonymous = post(aws, "application/json", null, "{}");
    HttpResponse<String> s3 =
        post(aws, "application/json", SIGNED_FOR_SQS.replace("/sqs/", "/s3/"), "{}");

    JsonNode error = new ObjectMapper().readTree(anonymous.body());
    assertThat(anonymous.statusCode()).isEqualTo(400);
    assertThat(error.path("__type").asText()).isEqualTo("EdgeRoutingException");
    assertThat(error.path("message").asText())
        .contains("Received POST /")
        .contains("X-Amz-Target: none");
    assertThat(s3.statusCode()).isEqualTo(400);
    assertThat(s3.body()).contains("service s3 is not emulated");
  }

  @Test
  void health_ready_listsServices(LocalAws aws) throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(aws.edgeUrl().resolve("/_idem/health")).build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode body = new ObjectMapper().readTree(health.body());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(body.path("status").asText()).isEqualTo("ready");
    assertThat(body.path("services").has("dynamodb")).isTrue();
    assertThat(body.path("services").path("events").asText()).isEqualTo("in process");
  }
}
