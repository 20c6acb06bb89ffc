package dev.idem.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.aws.AwsService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeRouterTest {

  private static Request request(
      String path, String query, Map<String, String> headers, String body) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach((name, value) -> all.put(name, List.of(value)));
    return new Request("POST", path, query, all, body.getBytes(StandardCharsets.UTF_8));
  }

  private static Request signed(String service) {
    return request(
        "/",
        null,
        Map.of(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-west-1/"
                + service
                + "/aws4_request, SignedHeaders=host, Signature=00"),
        "{}");
  }

  @Test
  void classify_credentialScope_decidesTheService() {
    assertThat(EdgeRouter.classify(signed("dynamodb"))).contains(AwsService.DYNAMODB);
    assertThat(EdgeRouter.classify(signed("sqs"))).contains(AwsService.SQS);
    assertThat(EdgeRouter.classify(signed("events"))).contains(AwsService.EVENTS);
    assertThat(EdgeRouter.classify(signed("lambda"))).contains(AwsService.LAMBDA);
    assertThat(EdgeRouter.classify(signed("s3"))).isEmpty();
  }

  @Test
  void classify_noScope_targetPrefixActionOrLambdaPath() {
    assertThat(
            EdgeRouter.classify(
                request(
                    "/",
                    null,
                    Map.of("X-Amz-Target", "DynamoDBStreams_20120810.GetRecords"),
                    "{}")))
        .contains(AwsService.DYNAMODB);
    assertThat(
            EdgeRouter.classify(
                request("/", null, Map.of("X-Amz-Target", "AmazonSQS.SendMessage"), "{}")))
        .contains(AwsService.SQS);
    assertThat(
            EdgeRouter.classify(
                request("/", null, Map.of("X-Amz-Target", "AWSEvents.PutEvents"), "{}")))
        .contains(AwsService.EVENTS);
    assertThat(
            EdgeRouter.classify(request("/", "Action=ListQueues&Version=2012-11-05", Map.of(), "")))
        .contains(AwsService.SQS);
    assertThat(
            EdgeRouter.classify(
                request(
                    "/",
                    null,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "Version=1&Action=SendMessage")))
        .contains(AwsService.SQS);
    assertThat(
            EdgeRouter.classify(
                request("/2015-03-31/functions/f/invocations", null, Map.of(), "{}")))
        .contains(AwsService.LAMBDA);
    assertThat(
            EdgeRouter.classify(
                request("/", null, Map.of("Content-Type", "application/json"), "Action=X")))
        .isEmpty();
  }

  @Test
  void classify_presignedQuery_usesItsScope() {
    Request presigned =
        request(
            "/",
            "X-Amz-Credential=AKID%2F20261126%2Fus-east-1%2Fsqs%2Faws4_request&Action=ListQueues",
            Map.of(),
            "");

    assertThat(EdgeRouter.classify(presigned)).contains(AwsService.SQS);
  }

  @Test
  void handle_routedService_reachesItsHandler() throws Exception {
    EdgeRouter router =
        new EdgeRouter().route(AwsService.EVENTS, r -> Response.json(200, "{\"routed\":true}"));

    Response response = router.handle(signed("events"));

    assertThat(response.bodyText()).isEqualTo("{\"routed\":true}");
  }

  @Test
  void handle_serviceWithoutRoute_400NamingWhatRuns() throws Exception {
    EdgeRouter router = new EdgeRouter().route(AwsService.EVENTS, r -> Response.empty(200));

    Response response = router.handle(signed("lambda"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).contains("does not run lambda").contains("[events]");
  }

  @Test
  void health_beforeAndAfterReady_503Then200() throws Exception {
    EdgeRouter router = new EdgeRouter();
    Request health = new Request("GET", "/_idem/health", null, Map.of(), null);

    Response starting = router.handle(health);
    router.markReady();
    Response ready = router.handle(health);

    assertThat(starting.status()).isEqualTo(503);
    assertThat(starting.bodyText()).contains("\"status\":\"starting\"");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.bodyText()).contains("\"status\":\"ready\"");
    assertThat(Optional.of(ready.headers().get("Content-Type").get(0)))
        .contains("application/json");
  }
}
