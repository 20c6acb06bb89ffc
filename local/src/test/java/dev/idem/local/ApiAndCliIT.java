package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.lambda.FunctionStats;
import dev.idem.testing.LocalAccount;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The local cloud as tools see it: the AWS CLI through the edge port (skipped where no {@code aws}
 * is installed), {@code bin/idem invoke}, and the API under more concurrent requests than a
 * function's limit (2 here); from template.yaml and from the CDK app's OrdersStack alike.
 */
@ParameterizedClass
@EnumSource(Source.class)
class ApiAndCliIT {

  private static final Path GET_ORDER_EVENT =
      TestClouds.ROOT.resolve("events/samples/get-order.json");

  private static LocalCloud cloud;

  /** Where the system comes from, for this run of the class. */
  @Parameter Source source;

  private static Orders orders;

  @TempDir static Path home;

  @BeforeParameterizedClassInvocation
  static void start(Source source) {
    String name = "ApiAndCliIT-" + source;
    cloud =
        LocalCloud.start(
            source.options(name, new TestClouds.Console(name)).toBuilder()
                .concurrencyLimit(2)
                .build());
    orders = new Orders(cloud);
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (cloud != null) {
      cloud.close();
      cloud = null;
    }
  }

  @Test
  void api_moreConcurrentRequestsThanTheLimit_some429ThenAllServed() throws Exception {
    List<Future<List<Integer>>> clients = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        clients.add(pool.submit(ApiAndCliIT::getRetryingWhileThrottled));
      }
    }

    List<Integer> first = new ArrayList<>();
    for (Future<List<Integer>> client : clients) {
      List<Integer> statuses = client.get();
      first.add(statuses.get(0));
      assertThat(statuses.get(statuses.size() - 1)).isEqualTo(404); // served: no such order
    }
    FunctionStats getOrder =
        cloud.lambda().stats().stream()
            .filter(s -> s.name().equals(orders.function("GetOrder")))
            .findFirst()
            .orElseThrow();
    assertThat(first).contains(429);
    assertThat(getOrder.instancesStarted()).isLessThanOrEqualTo(2);
    assertThat(getOrder.throttles()).isPositive();
  }

  private static List<Integer> getRetryingWhileThrottled() {
    List<Integer> statuses = new ArrayList<>();
    URI url = cloud.apiUrl().orElseThrow().resolve("/orders/" + java.util.UUID.randomUUID());
    Await.until(
        "a GET /orders answer other than 429",
        Duration.ofSeconds(60),
        () -> {
          HttpResponse<String> response = Http.get(url);
          statuses.add(response.statusCode());
          return response.statusCode() != 429;
        });
    return statuses;
  }

  @Test
  void invokeMain_getOrderSample_printsResponseAndLogExit0() {
    Run run = invokeMain(orders.function("GetOrder"), GET_ORDER_EVENT);

    assertThat(run.status()).isZero();
    assertThat(Http.json(run.out()).path("statusCode").asInt()).isEqualTo(404);
    assertThat(run.err()).contains("START RequestId:").contains("order not found");
  }

  @Test
  void invokeMain_functionFails_exit1SayingSo() throws IOException {
    Path notAnEvent = Files.writeString(home.resolve("not-an-event.json"), "\"oops\"");

    String getOrder = orders.function("GetOrder");
    Run run = invokeMain(getOrder, notAnEvent);

    assertThat(run.status()).isEqualTo(1);
    assertThat(Http.json(run.out()).has("errorType")).isTrue();
    assertThat(run.err()).contains("idem invoke: " + getOrder + " failed (Unhandled)");
  }

  @Test
  void invokeMain_unknownFunction_exit1NamingIt() {
    Run run = invokeMain("NoSuchFunction", GET_ORDER_EVENT);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("NoSuchFunction");
  }

  private record Run(int status, String out, String err) {}

  private static Run invokeMain(String function, Path event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        InvokeMain.run(
            List.of(
                function,
                "--event",
                event.toString(),
                "--endpoint",
                cloud.awsEndpoint().toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void awsCli_throughEdge_listsTablesAndQueuesAndScansOrders() throws Exception {
    assumeTrue(onPath("aws"), "AWS CLI (aws) is not on the PATH: install awscli to run this test");
    String orderId = orders.placed("cli-1", "c-cli", "SKU-010", 1);

    JsonNode tables = aws("dynamodb", "list-tables");
    JsonNode queues = aws("sqs", "list-queues");
    JsonNode scan = aws("dynamodb", "scan", "--table-name", orders.tableName("OrdersTable"));

    assertThat(tables.path("TableNames").toString())
        .contains("OrdersTable", "CatalogTable", "InventoryTable", "IdempotencyTable");
    assertThat(queues.path("QueueUrls"))
        .extracting(JsonNode::asText)
        .contains(
            orders.queueUrl("PaymentsQueue"),
            orders.queueUrl("PaymentsDLQ"),
            orders.queueUrl("ReviewQueue"));
    assertThat(orders.queueUrl("PaymentsQueue"))
        .startsWith(cloud.awsEndpoint() + "/000000000000/PaymentsQueue");
    assertThat(scan.path("Items").toString()).contains(orderId);
  }

  @Test
  void awsCliLambdaInvoke_getOrder_answersWithTheFunctionsResponse() throws Exception {
    assumeTrue(onPath("aws"), "AWS CLI (aws) is not on the PATH: install awscli to run this test");
    Path response = home.resolve("response.json");

    JsonNode result =
        aws(
            "lambda",
            "invoke",
            "--function-name",
            orders.function("GetOrder"),
            "--payload",
            "fileb://" + GET_ORDER_EVENT,
            response.toString());

    assertThat(result.path("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.has("FunctionError")).isFalse();
    assertThat(Http.json(Files.readString(response)).path("statusCode").asInt()).isEqualTo(404);
  }

  private static JsonNode aws(String... command) throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(
            List.of("aws", "--endpoint-url", cloud.awsEndpoint().toString(), "--output", "json"));
    line.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.remove("AWS_PROFILE");
    env.remove("AWS_ENDPOINT_URL");
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", command) + " did not finish in 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("aws %s: %s", String.join(" ", command), output).isZero();
    return Http.json(output);
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
