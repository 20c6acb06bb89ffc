package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.lambda.FunctionStats;
import dev.idem.local.otherapp.EchoHandler;
import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Another team's app as CDK synthesizes it — {@code templates/plain}: a cloud assembly whose
 * template is plain CloudFormation, no SAM — run with {@code --cdk-out}: a function with its code
 * from the assembly's asset, its alias with provisioned concurrency behind a REST API (stage
 * variables) and an HTTP API (payload format 2.0), a queue worker behind a filtered event source
 * mapping, and a rule whose input transformer turns events into jobs.
 */
class PlainCloudFormationIT {

  private static final String APP_PACKAGE = "dev/idem/local/otherapp/";

  @TempDir static Path assembly;

  private static TestClouds.Console console;
  private static LocalCloud cloud;

  @BeforeAll
  static void start() throws Exception {
    for (String file : List.of("manifest.json", "plain-app.template.json")) {
      try (InputStream in =
          PlainCloudFormationIT.class.getResourceAsStream("/templates/plain/" + file)) {
        Files.copy(in, assembly.resolve(file));
      }
    }
    buildJar(assembly.resolve("asset.0a1b2c.jar"));
    console = new TestClouds.Console("PlainCloudFormationIT");
    LocalCloudMain.Parsed parsed =
        LocalCloudMain.parse(
            List.of("--cdk-out", assembly.toString(), "--edge-port", "0", "--api-port", "0"),
            Map.of(),
            TestClouds.ROOT,
            console);
    cloud = LocalCloud.start(LocalCloudMain.prepare(parsed, console));
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void start_plainStack_aliasProvisionedAndTheRestNamedNotEmulated() {
    FunctionStats echo = stats("EchoFunction");

    assertThat(console.lines())
        .contains("cdk      stack plain-app of " + assembly.toAbsolutePath().normalize())
        .contains(
            "provisioned EchoFunction 1 (initialized before ready: alias provisioned concurrency)")
        .anySatisfy(line ->
            assertThat(line)
                .startsWith(
                    "not emulated: resources AWS::IAM::Role (EchoRole), AWS::Lambda::Permission (EchoPermission)")
                .contains("SqsManagedSseEnabled (JobsQueue.SqsManagedSseEnabled)"));
    assertThat(echo.instancesStarted()).isGreaterThanOrEqualTo(1);
    assertThat(cloud.stack().stack().outputs()).containsEntry("StackName", "plain-app");
  }

  @Test
  void restApi_methodOnTheAlias_version1EventWithTheStageAndItsVariables() {
    HttpResponse<String> response = Http.get(api("/echo/ada?x=1"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode event = Http.json(response.body()).path("event");
    assertThat(event.path("resource").asText()).isEqualTo("/echo/{name}");
    assertThat(event.path("pathParameters").path("name").asText()).isEqualTo("ada");
    assertThat(event.path("stageVariables").path("color").asText()).isEqualTo("blue");
    assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("dev");
    assertThat(event.path("requestContext").path("apiId").asText()).isEqualTo("Api");
  }

  @Test
  void httpApi_routeOnTheAlias_version2Event() {
    HttpResponse<String> response = Http.get(api("/v2/grace?x=1&x=2"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode event = Http.json(response.body()).path("event");
    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("GET /v2/{name}");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1&x=2");
    assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
    assertThat(event.path("pathParameters").path("name").asText()).isEqualTo("grace");
    assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("GET");
  }

  @Test
  void lambdaInvoke_alias_reachesTheFunctionOtherAliasNot() {
    try (LambdaClient lambda = lambda()) {
      InvokeResponse byAlias =
          lambda.invoke(
              r -> r.functionName("EchoFunction:live").payload(SdkBytes.fromUtf8String("{}")));
      InvokeResponse byArn =
          lambda.invoke(r ->
              r.functionName(cloud.stack().stack().outputs().get("EchoAliasArn"))
                  .payload(SdkBytes.fromUtf8String("{}")));

      assertThat(byAlias.statusCode()).isEqualTo(200);
      assertThat(byArn.statusCode()).isEqualTo(200);
      assertThat(Http.json(byAlias.payload().asUtf8String()).path("statusCode").asInt())
          .isEqualTo(200);
    }
  }

  @Test
  void ruleToFilteredMapping_onlyTransformedJobsReachTheWorker() {
    String queue = cloud.stack().stack().outputs().get("JobsQueueUrl");
    cloud.clients().events().putEvents(r -> r.entries(event("job", 7), event("other", 8)));

    Await.until(
        "the worker's line for job 7",
        Duration.ofSeconds(60),
        () ->
            console.lines().stream()
                .anyMatch(line ->
                    line.contains(
                        "worked on {\"kind\": \"job\", \"n\": 7, \"rule\": \"WorkToJobs\"}")));
    Await.until(
        "the other event deleted without an invocation",
        Duration.ofSeconds(30),
        () ->
            console.lines().stream()
                    .anyMatch(line -> line.contains("filtered out (FilterCriteria)"))
                && depth(queue) == 0);
    assertThat(console.lines()).noneMatch(line -> line.contains("\"kind\": \"other\""));
  }

  private static PutEventsRequestEntry event(String kind, int n) {
    return PutEventsRequestEntry.builder()
        .eventBusName("plain-bus")
        .source("plain")
        .detailType("Work")
        .detail("{\"kind\":\"" + kind + "\",\"n\":" + n + "}")
        .build();
  }

  private static int depth(String queue) {
    return cloud
        .clients()
        .sqs()
        .getQueueAttributes(r ->
            r.queueUrl(queue)
                .attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
        .attributesAsStrings()
        .values()
        .stream()
        .mapToInt(Integer::parseInt)
        .sum();
  }

  private static FunctionStats stats(String function) {
    return cloud.lambda().pool(function).stats();
  }

  private static URI api(String path) {
    return cloud.apiUrl().orElseThrow().resolve(path);
  }

  private static LambdaClient lambda() {
    return LambdaClient.builder()
        .endpointOverride(cloud.awsEndpoint())
        .region(LocalAccount.SDK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The {@code otherapp} classes, and nothing else of the tests, as the stack's asset. */
  private static void buildJar(Path jar) throws IOException, URISyntaxException {
    Path classes =
        Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes.resolve(APP_PACKAGE))) {
      for (Path classFile : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        Files.copy(classFile, out);
        out.closeEntry();
      }
    }
  }
}
