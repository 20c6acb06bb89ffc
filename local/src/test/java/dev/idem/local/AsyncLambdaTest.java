package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.eventbridge.EventTargetSender;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.template.NotEmulated;
import dev.idem.local.template.StackSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * EventBridge's Lambda targets as the local cloud hands them to the asynchronous queue. A delivery
 * to a function that does not exist fails and goes to the target's dead-letter queue (AWS SAM
 * Developer Guide, "DeadLetterConfig": "Invocation can fail, for example, when sending an event to
 * a Lambda function that doesn't exist").
 */
class AsyncLambdaTest {

  private static final StackSpec EMPTY =
      new StackSpec(
          List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), new NotEmulated());

  @Test
  void targets_aliasArnOfARunningFunction_queuedForTheFunction() throws Exception {
    BlockingQueue<String> invoked = new LinkedBlockingQueue<>();
    try (AwsClients clients = AwsClients.create(URI.create("http://127.0.0.1:9"));
        AsyncLambda async =
            AsyncLambda.start(
                (function, payload) -> {
                  invoked.add(function + " " + new String(payload));
                  return InvocationResult.ok(new byte[0], "", Duration.ZERO);
                },
                EMPTY,
                clients,
                Timing.REAL,
                line -> {},
                (function, result) -> {})) {
      async
          .targets(Set.of("worker"))
          .send(
              new EventTargetSender.Message(
                  "arn:aws:lambda:us-east-1:000000000000:function:worker:live",
                  "{\"k\":1}",
                  null,
                  "id-1",
                  Map.of()));

      assertThat(invoked.poll(10, TimeUnit.SECONDS)).isEqualTo("worker {\"k\":1}");
    }
  }

  @Test
  void targets_functionThatDoesNotRunHere_failsSoTheTargetsDeadLetterQueueGetsIt() {
    try (AwsClients clients = AwsClients.create(URI.create("http://127.0.0.1:9"));
        AsyncLambda async =
            AsyncLambda.start(
                (function, payload) -> InvocationResult.throttled(),
                EMPTY,
                clients,
                Timing.REAL,
                line -> {},
                (function, result) -> {})) {
      EventTargetSender targets = async.targets(Set.of("worker"));

      assertThatThrownBy(() ->
              targets.send(
                  new EventTargetSender.Message(
                      "arn:aws:lambda:us-east-1:000000000000:function:ghost",
                      "{}",
                      null,
                      "id-2",
                      Map.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ghost");
    }
  }
}
