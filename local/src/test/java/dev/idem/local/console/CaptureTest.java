package dev.idem.local.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.aws.AwsService;
import dev.idem.local.eventbridge.EventTrace;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.lambda.InvocationListener;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.testing.StubProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The capture's pause: paused, every hook it wires passes its call through and keeps nothing (as
 * with the console off); resumed, each keeps again. The local-flow bench rests on this.
 */
class CaptureTest {

  private final Capture capture =
      new Capture(10, Clock.systemUTC(), key -> Optional.empty(), List::of);

  @Test
  void capturing_pausedThenResumed_hooksPassThroughKeepingNothingThenKeepAgain() throws Exception {
    assertThat(capture.capturing()).isTrue();
    capture.capturing(false);

    Response answer = everyHookOnce();

    assertThat(answer.status()).as("the call still gets its answer").isEqualTo(200);
    assertThat(kept()).containsExactly(0L, 0, 0, 0, 0);
    assertThat(capture.listener().wantsLog()).as("no log file read while paused").isFalse();

    capture.capturing(true);
    everyHookOnce();

    assertThat(kept()).containsExactly(1L, 1, 1, 1, 1);
    assertThat(capture.listener().wantsLog()).isTrue();
  }

  /** One invocation, one DynamoDB write at the edge, one API request, one event step, one stub. */
  private Response everyHookOnce() throws Exception {
    capture
        .listener()
        .invoked(
            new InvocationListener.Call(
                "f",
                InvocationSource.DIRECT_CALL,
                "{}".getBytes(UTF_8),
                "r-1",
                InvocationResult.ok(new byte[0], "", Duration.ofMillis(1)),
                ""));
    Request write =
        new Request(
            "POST",
            "/",
            null,
            Map.of("X-Amz-Target", List.of("DynamoDB_20120810.PutItem")),
            "{\"TableName\":\"t\"}".getBytes(UTF_8));
    Response answer =
        capture.edge().around(write, AwsService.DYNAMODB, () -> Response.json(200, "{}"));
    capture
        .api(request -> Response.json(201, "{}"))
        .handle(new Request("POST", "/orders", null, Map.of(), "{}".getBytes(UTF_8)));
    capture
        .events()
        .step(
            new EventTrace.Step(
                EventTrace.Kind.MATCHED, "bus", "rule", "arn:q", "e-1", 0, false, null));
    capture.stub(
        "payments",
        new StubProvider.Exchange(
            "POST", "/charges", null, "{}", 201, "{}", Duration.ZERO, true, null));
    return answer;
  }

  private List<Number> kept() {
    return List.of(
        capture.invocations().total(),
        capture.calls().all().size(),
        capture.apiLog().all().size(),
        capture.eventLog().all().size(),
        capture.stubLog().all().size());
  }
}
