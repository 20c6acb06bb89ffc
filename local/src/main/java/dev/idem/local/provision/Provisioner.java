package dev.idem.local.aws;

import dev.idem.local.template.EventBusSpec;
import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.ResourceSpec;
import dev.idem.local.template.RuleSpec;
import dev.idem.local.template.TableSpec;
import dev.idem.local.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.RetryPolicy;
import software.amazon.awssdk.services.eventbridge.model.SqsParameters;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates a template's tables, queues, event buses and rules (with their targets) through SDK
 * clients, each after what it refers to, and returns the specs resolved with the real physical ids.
 * It works against the in-process backends (through the edge) and against any other endpoint
 * (LocalStack): it only speaks the AWS APIs. Resources that already exist are taken as they are, so
 * a second run against a persistent backend succeeds.
 *
 * {@snippet :
 * ProvisionedStack provisioned = new Provisioner(aws.clients()).provision(template);
 * provisioned.stack().function("PlaceOrderFunction").orElseThrow().environment();
 * }
 */
public final class Provisioner {

  private final SqsClient sqs;
  private final EventBridgeClient events;
  private final TableProvisioner tables;

  /** A provisioner using the given clients; the caller keeps ownership of them. */
  public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs, EventBridgeClient events) {
    this.sqs = sqs;
    this.events = events;
    this.tables = new TableProvisioner(dynamoDb);
  }

  /** A provisioner using the given clients; the caller keeps ownership of them. */
  public Provisioner(AwsClients clients) {
    this(clients.dynamoDb(), clients.sqs(), clients.events());
  }

  /**
   * Creates every table, queue, bus and rule of the template.
   *
   * @throws IllegalStateException naming the resource when a backend refuses it
   * @throws dev.idem.local.template.TemplateException when the template cannot be resolved
   */
  public ProvisionedStack provision(Template template) {
    long start = System.nanoTime();
    PhysicalIds ids = template.physicalIds(Template.DEFAULT_EDGE);
    for (List<String> level : template.provisioningLevels()) {
      createAll(template, level, ids);
    }
    return new ProvisionedStack(
        template.specs(ids), ids, Duration.ofNanos(System.nanoTime() - start));
  }

  // One level's resources refer to none of each other: create them at the same time.
  private void createAll(Template template, List<String> level, PhysicalIds ids) {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> creations = new ArrayList<>();
      for (String logicalId : level) {
        creations.add(executor.submit(() -> create(template, logicalId, ids)));
      }
      for (Future<?> creation : creations) {
        join(creation);
      }
    }
  }

  private void create(Template template, String logicalId, PhysicalIds ids) {
    ResourceSpec spec = template.spec(logicalId, ids).orElseThrow();
    try {
      create(spec, ids);
    } catch (SdkException e) {
      throw new IllegalStateException("Could not create " + logicalId + ": " + e.getMessage(), e);
    }
  }

  private static void join(Future<?> creation) {
    try {
      creation.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while provisioning", e);
    }
  }

  private void create(ResourceSpec spec, PhysicalIds ids) {
    switch (spec) {
      case TableSpec table -> {
        TableDescription created = tables.create(table);
        ids.putAtt(table.logicalId(), "Arn", created.tableArn());
        if (created.latestStreamArn() != null) {
          ids.putAtt(table.logicalId(), "StreamArn", created.latestStreamArn());
        }
      }
      case QueueSpec queue -> createQueue(queue, ids);
      case EventBusSpec bus -> createBus(bus, ids);
      case RuleSpec rule -> createRule(rule, ids);
      default -> throw new IllegalStateException("Not provisioned: " + spec.logicalId());
    }
  }

  private void createQueue(QueueSpec queue, PhysicalIds ids) {
    String url =
        sqs.createQueue(r -> r.queueName(queue.name()).attributes(queueAttributes(queue)))
            .queueUrl();
    String arn =
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    ids.putRef(queue.logicalId(), url);
    ids.putAtt(queue.logicalId(), "QueueUrl", url);
    ids.putAtt(queue.logicalId(), "Arn", arn);
  }

  static Map<QueueAttributeName, String> queueAttributes(QueueSpec queue) {
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    if (queue.fifo()) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(
          QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
          Boolean.toString(queue.contentBasedDeduplication()));
    }
    putSeconds(attributes, QueueAttributeName.VISIBILITY_TIMEOUT, queue.visibilityTimeout());
    putSeconds(attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD, queue.messageRetention());
    putSeconds(attributes, QueueAttributeName.DELAY_SECONDS, queue.delay());
    putSeconds(
        attributes, QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, queue.receiveWaitTime());
    if (queue.maximumMessageSize() != null) {
      attributes.put(
          QueueAttributeName.MAXIMUM_MESSAGE_SIZE, queue.maximumMessageSize().toString());
    }
    if (queue.redrive() != null) {
      attributes.put(
          QueueAttributeName.REDRIVE_POLICY,
          AwsJson.MAPPER
              .createObjectNode()
              .put("deadLetterTargetArn", queue.redrive().deadLetterTargetArn())
              .put("maxReceiveCount", queue.redrive().maxReceiveCount())
              .toString());
    }
    return attributes;
  }

  private static void putSeconds(
      Map<QueueAttributeName, String> attributes, QueueAttributeName name, Duration value) {
    if (value != null) {
      attributes.put(name, Long.toString(value.toSeconds()));
    }
  }

  private void createBus(EventBusSpec bus, PhysicalIds ids) {
    String arn;
    if (bus.name().equals("default")) {
      arn = events.describeEventBus(r -> r.name("default")).arn();
    } else {
      try {
        arn = events.createEventBus(r -> r.name(bus.name())).eventBusArn();
      } catch (ResourceAlreadyExistsException e) {
        arn = events.describeEventBus(r -> r.name(bus.name())).arn();
      }
    }
    ids.putAtt(bus.logicalId(), "Arn", arn);
  }

  private void createRule(RuleSpec rule, PhysicalIds ids) {
    ids.putAtt(rule.logicalId(), "Arn", rule(rule));
  }

  /**
   * Creates (or replaces) one rule with its targets, such as one SAM generates from a function's
   * event.
   *
   * @return the rule's ARN
   * @throws IllegalStateException naming the rule when a target is refused
   * @throws SdkException when the backend refuses the rule
   */
  public String rule(RuleSpec rule) {
    String arn =
        events
            .putRule(r ->
                r.name(rule.name())
                    .eventBusName(rule.bus())
                    .eventPattern(rule.pattern())
                    .scheduleExpression(rule.scheduleExpression())
                    .state(rule.state())
                    .description(rule.description()))
            .ruleArn();
    if (rule.targets().isEmpty()) {
      return arn;
    }
    List<Target> targets = new ArrayList<>();
    rule.targets().forEach(t -> targets.add(target(t)));
    PutTargetsResponse response =
        events.putTargets(r -> r.rule(rule.name()).eventBusName(rule.bus()).targets(targets));
    if (response.failedEntryCount() > 0) {
      throw new IllegalStateException(
          "Rule " + rule.logicalId() + ": targets refused: " + response.failedEntries());
    }
    return arn;
  }

  private static Target target(RuleSpec.Target target) {
    Target.Builder builder =
        Target.builder()
            .id(target.id())
            .arn(target.arn())
            .input(target.input())
            .inputPath(target.inputPath());
    if (target.deadLetterArn() != null) {
      builder.deadLetterConfig(DeadLetterConfig.builder().arn(target.deadLetterArn()).build());
    }
    if (target.messageGroupId() != null) {
      builder.sqsParameters(
          SqsParameters.builder().messageGroupId(target.messageGroupId()).build());
    }
    if (target.inputTransformer() != null) {
      builder.inputTransformer(
          InputTransformer.builder()
              .inputPathsMap(target.inputTransformer().inputPathsMap())
              .inputTemplate(target.inputTransformer().inputTemplate())
              .build());
    }
    if (target.retryPolicy() != null) {
      builder.retryPolicy(
          RetryPolicy.builder()
              .maximumRetryAttempts(target.retryPolicy().maximumRetryAttempts())
              .maximumEventAgeInSeconds(target.retryPolicy().maximumEventAgeInSeconds())
              .build());
    }
    return builder.build();
  }
}
