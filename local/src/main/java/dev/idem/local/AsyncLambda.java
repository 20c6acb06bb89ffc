package dev.idem.local;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.eventbridge.EventTargetSender;
import dev.idem.local.lambda.ArnDestinations;
import dev.idem.local.lambda.AsyncDestinations;
import dev.idem.local.lambda.AsyncInvoker;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.lambda.Invoker;
import dev.idem.local.provision.Provisioner;
import dev.idem.local.schedule.ScheduleExpression;
import dev.idem.local.schedule.ScheduleTicker;
import dev.idem.local.template.RuleEvent;
import dev.idem.local.template.RuleSpec;
import dev.idem.local.template.StackSpec;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A stack's asynchronous side: Lambda's asynchronous queue with each function's {@code
 * EventInvokeConfig} and dead-letter queue, the rules SAM makes of {@code EventBridgeRule}, {@code
 * CloudWatchEvent} and {@code Schedule} events, and the EventBridge Scheduler schedules of {@code
 * ScheduleV2} events and {@code AWS::Scheduler::Schedule}.
 */
final class AsyncLambda implements AutoCloseable {

  private final AsyncInvoker invoker;
  private final ScheduleTicker schedules;

  private AsyncLambda(AsyncInvoker invoker, ScheduleTicker schedules) {
    this.invoker = invoker;
    this.schedules = schedules;
  }

  /**
   * Starts the queue, routing its records and dead letters through {@code clients}, and the stack's
   * Scheduler schedules.
   *
   * @param listener receives each asynchronous attempt's function name and result
   */
  static AsyncLambda start(
      Invoker lambda,
      StackSpec stack,
      AwsClients clients,
      Timing timing,
      Consumer<String> console,
      BiConsumer<String, InvocationResult> listener) {
    AsyncInvoker invoker =
        new AsyncInvoker(
            lambda,
            StackWiring.asyncConfigs(stack),
            AsyncDestinations.NONE,
            timing.clock(),
            timing.asyncDelays(),
            listener);
    invoker.destinations(new ArnDestinations(clients, invoker));
    List<StackWiring.Scheduled> scheduled = StackWiring.schedulerEvents(stack);
    ScheduleTicker ticker = ScheduleTicker.start(timing.clock(), timing.scheduleTick());
    for (StackWiring.Scheduled schedule : scheduled) {
      byte[] input = schedule.event().input().getBytes(StandardCharsets.UTF_8);
      ticker.put(
          schedule.event().scheduleName(),
          ScheduleExpression.parse(schedule.event().expression()),
          ZoneId.of(schedule.event().timezone()),
          due ->
              invoker.submit(
                  schedule.function(),
                  input,
                  InvocationSource.of(
                      InvocationSource.SCHEDULE, schedule.event().scheduleName(), null)));
      console.accept(
          "schedule "
              + schedule.event().scheduleName()
              + " "
              + schedule.event().expression()
              + " "
              + schedule.event().timezone()
              + " -> "
              + schedule.function());
    }
    return new AsyncLambda(invoker, ticker);
  }

  /** The asynchronous queue. */
  AsyncInvoker invoker() {
    return invoker;
  }

  /**
   * What EventBridge delivers to Lambda function targets: the event queued for the function the ARN
   * names ({@code arn:aws:lambda:...:function:name[:qualifier]}).
   *
   * @param functions the names of the functions that run here; a target naming another fails (and
   *     goes to the target's dead-letter queue, as EventBridge sends it when the function is gone)
   */
  EventTargetSender targets(Set<String> functions) {
    return message -> {
      String[] parts = message.targetArn().split(":");
      if (parts.length < 7 || !functions.contains(parts[6])) {
        throw new IllegalArgumentException("Function not found: " + message.targetArn());
      }
      invoker.submit(
          parts[6],
          message.body().getBytes(StandardCharsets.UTF_8),
          // A delivery's deduplication id is its event's id.
          InvocationSource.of(InvocationSource.EVENTBRIDGE, null, message.deduplicationId()));
    };
  }

  /**
   * Creates the rules SAM makes of the stack's functions' events, and the dead-letter queues SAM
   * would create for them, through {@code clients}.
   */
  static void createRuleEvents(StackSpec stack, AwsClients clients, Consumer<String> console) {
    Provisioner provisioner = new Provisioner(clients);
    for (RuleEvent event : StackWiring.ruleEvents(stack)) {
      if (event.deadLetterQueue() != null) {
        clients.sqs().createQueue(r -> r.queueName(event.deadLetterQueue()));
      }
      RuleSpec rule = event.rule();
      provisioner.rule(rule);
      String target = rule.targets().get(0).arn();
      console.accept(
          "rule     "
              + rule.name()
              + " "
              + (rule.scheduleExpression() != null ? rule.scheduleExpression() : rule.pattern())
              + " -> "
              + target.substring(target.lastIndexOf(':') + 1)
              + (event.enabled() ? "" : " (DISABLED)"));
    }
  }

  /** Stops the schedules, then the queue (events still queued are dropped). */
  @Override
  public void close() {
    schedules.close();
    invoker.close();
  }
}
