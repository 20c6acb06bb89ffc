package dev.idem.local.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.testing.LocalAccount;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The Lambda API over real HTTP: the SDK's LambdaClient and plain java.net.http. */
class LambdaApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CountDownLatch EVENT_DONE = new CountDownLatch(1);
  private static final AtomicReference<String> EVENT_OUTPUT = new AtomicReference<>();
  private static LambdaRuntime runtime;
  private static HttpEndpoint endpoint;
  private static LambdaClient lambda;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Duration timeout = Duration.ofSeconds(5);
    runtime =
        LambdaRuntime.start(
            List.of(
                FixtureJar.function("echo", "EchoHandler", 2, timeout),
                FixtureJar.function("throw", "ThrowHandler", 1, timeout),
                FixtureJar.function("disabled", "EchoHandler", 0, timeout)),
            new LambdaRuntime.Options(null, Duration.ofSeconds(30), line -> {}));
    LambdaApi api =
        new LambdaApi(
            runtime,
            runtime.functions(),
            (function, result) -> {
              EVENT_OUTPUT.set(function + " " + result.status() + " " + result.payloadText());
              EVENT_DONE.countDown();
            });
    endpoint = HttpEndpoint.start("lambda", 0, api);
    lambda =
        LambdaClient.builder()
            .endpointOverride(endpoint.url())
            .region(LocalAccount.SDK_REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    endpoint.close();
    runtime.close();
  }

  @Test
  void sdkInvoke_requestResponseWithTail_returnsPayloadAndLog() throws Exception {
    InvokeResponse response =
        lambda.invoke(request ->
            request
                .functionName("echo")
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"message\":\"via-sdk\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    assertThat(JSON.readTree(response.payload().asByteArray()).path("message").asText())
        .isEqualTo("via-sdk");
    assertThat(new String(Base64.getDecoder().decode(response.logResult()), UTF_8))
        .contains("echo stdout via-sdk");
  }

  @Test
  void sdkInvoke_throwingFunction_returnsFunctionErrorAndErrorPayload() throws Exception {
    InvokeResponse response =
        lambda.invoke(request ->
            request
                .functionName("throw")
                .payload(SdkBytes.fromUtf8String("{\"message\":\"sdk\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    var error = JSON.readTree(response.payload().asByteArray());
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("boom sdk");
  }

  @Test
  void sdkInvoke_event_returns202AndRunsTheFunction() throws Exception {
    InvokeResponse response =
        lambda.invoke(request ->
            request
                .functionName(runtime.function("echo").orElseThrow().arn())
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"message\":\"async\"}")));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(EVENT_DONE.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(EVENT_OUTPUT.get()).startsWith("echo OK ").contains("\"message\":\"async\"");
  }

  @Test
  void sdkInvoke_unknownFunction_throwsResourceNotFound() {
    assertThatThrownBy(() -> lambda.invoke(request -> request.functionName("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found")
        .hasMessageContaining("missing");
  }

  @Test
  void sdkListAndGetFunction_describeTheFunctions() {
    List<String> names =
        lambda.listFunctions().functions().stream()
            .map(FunctionConfiguration::functionName)
            .toList();
    FunctionConfiguration echo =
        lambda.getFunction(request -> request.functionName("echo")).configuration();

    assertThat(names).containsExactly("echo", "throw", "disabled");
    assertThat(echo.handler()).isEqualTo(FixtureJar.PACKAGE + "EchoHandler");
    assertThat(echo.timeout()).isEqualTo(5);
  }

  @Test
  void httpInvoke_dryRunAndThrottledFunction_answer204And429() throws Exception {
    HttpResponse<String> dryRun =
        HTTP.send(invoke("echo", Map.of("X-Amz-Invocation-Type", "DryRun")), ofString());
    HttpResponse<String> throttled = HTTP.send(invoke("disabled", Map.of()), ofString());

    assertThat(dryRun.statusCode()).isEqualTo(204);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("TooManyRequestsException");
    assertThat(runtime.pool("disabled").stats().throttles()).isEqualTo(1);
  }

  @Test
  void httpInvoke_functionError_setsHeaderAndTail() throws Exception {
    HttpResponse<String> response =
        HTTP.send(invoke("throw", Map.of("X-Amz-Log-Type", "Tail")), ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    String tail =
        new String(
            Base64.getDecoder()
                .decode(response.headers().firstValue("X-Amz-Log-Result").orElseThrow()),
            UTF_8);
    assertThat(tail).contains("END RequestId: ").contains("REPORT RequestId: ");
  }

  private static HttpRequest invoke(String function, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                endpoint.url().resolve("/2015-03-31/functions/" + function + "/invocations"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"http\"}"));
    headers.forEach(builder::header);
    return builder.build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
