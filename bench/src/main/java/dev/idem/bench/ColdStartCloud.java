package dev.idem.bench;

import dev.idem.local.edge.LocalAws;
import dev.idem.local.provision.Provisioner;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.Template;
import dev.idem.testing.StubProvider;
import java.io.IOException;
import java.util.Map;

/**
 * What the functions' first invocations need, without anything that invokes them on its own: the
 * AWS side (edge, DynamoDB Local, ElasticMQ, EventBridge) with template.yaml's resources and the
 * seed data, and stub payment and notification providers. No event source mapping runs, so every
 * instance start is the benchmark's.
 *
 * @param aws the AWS side
 * @param stack template.yaml's resources, resolved with their physical ids
 * @param payments the payment provider
 * @param notifications the notification provider
 */
record ColdStartCloud(
    LocalAws aws, StackSpec stack, StubProvider payments, StubProvider notifications)
    implements AutoCloseable {

  static ColdStartCloud start(ProjectFiles files) throws IOException {
    LocalAws aws = Quietly.start(() -> LocalAws.start(0));
    StubProvider payments = StubProvider.start("pay");
    StubProvider notifications = StubProvider.start("msg");
    try {
      Template template =
          Template.load(
              files.template(),
              Map.of(
                  "PaymentProviderUrl", payments.url().toString(),
                  "NotificationProviderUrl", notifications.url().toString()));
      StackSpec stack = new Provisioner(aws.clients()).provision(template).stack();
      SeedData.load(files.seed(), aws.clients().dynamoDb(), id -> tableName(stack, id));
      aws.router().markReady();
      return new ColdStartCloud(aws, stack, payments, notifications);
    } catch (IOException | RuntimeException e) {
      notifications.close();
      payments.close();
      aws.close();
      throw e;
    }
  }

  /** The physical name of the table with this logical id. */
  String tableName(String logicalId) {
    return tableName(stack, logicalId);
  }

  private static String tableName(StackSpec stack, String logicalId) {
    return stack
        .table(logicalId)
        .orElseThrow(() -> new IllegalStateException("template.yaml has no table " + logicalId))
        .name();
  }

  @Override
  public void close() {
    notifications.close();
    payments.close();
    aws.close();
  }
}
