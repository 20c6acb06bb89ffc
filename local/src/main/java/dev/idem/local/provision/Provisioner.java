package dev.idem.local.provision;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.template.EventBusSpec;
import dev.idem.local.template.PhysicalIds;
import dev.idem.local.template.ProvisionedSpec;
import dev.idem.local.template.QueueSpec;
import dev.idem.local.template.RuleSpec;
import dev.idem.local.template.TableSpec;
import dev.idem.local.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates a template's tables, queues, event buses and rules (with their targets) through SDK
 * clients, each after what it refers to, and returns the specs resolved with the real physical ids.
 * It works against the in-process backends (through the edge) and against any other endpoint
 * (LocalStack): it only speaks the AWS APIs. Resources that already exist are taken as they are, so
 * a second run against a persistent backend succeeds. Each kind has its {@link
 * ResourceProvisioner}, chosen by an exhaustive switch over {@link ProvisionedSpec}.
 *
 * {@snippet :
 * ProvisionedStack provisioned = new Provisioner(aws.clients()).provision(template);
 * provisioned.stack().function("PlaceOrderFunction").orElseThrow().environment();
 * }
 */
public final class Provisioner {

  private final TableProvisioner tables;
  private final QueueProvisioner queues;
  private final EventBusProvisioner buses;
  private final RuleProvisioner rules;

  /** A provisioner using the given clients; the caller keeps ownership of them. */
  public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs, EventBridgeClient events) {
    this.tables = new TableProvisioner(dynamoDb);
    this.queues = new QueueProvisioner(sqs);
    this.buses = new EventBusProvisioner(events);
    this.rules = new RuleProvisioner(events);
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

  /**
   * Creates (or replaces) one rule with its targets, such as one SAM generates from a function's
   * event.
   *
   * @return the rule's ARN
   * @throws IllegalStateException naming the rule when a target is refused
   * @throws SdkException when the backend refuses the rule
   */
  public String rule(RuleSpec rule) {
    return rules.put(rule);
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
    ProvisionedSpec spec = template.provisionedSpec(logicalId, ids);
    try {
      create(spec, ids);
    } catch (SdkException e) {
      throw new IllegalStateException("Could not create " + logicalId + ": " + e.getMessage(), e);
    }
  }

  private void create(ProvisionedSpec spec, PhysicalIds ids) {
    switch (spec) {
      case TableSpec table -> tables.create(table, ids);
      case QueueSpec queue -> queues.create(queue, ids);
      case EventBusSpec bus -> buses.create(bus, ids);
      case RuleSpec rule -> rules.create(rule, ids);
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
}
