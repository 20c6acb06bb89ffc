package dev.idem.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension that shares one in-process {@link DynamoDbLocal} across all the test classes of
 * a run, started on first use and stopped when the run ends.
 *
 * <p>Test methods and constructors may declare a {@link DynamoDbLocal} parameter (to build clients
 * with interceptors) or a {@link DynamoDbClient} parameter (a plain client, closed after the
 * class). Tests own the tables they create: use a unique table name per test class.
 *
 * {@snippet :
 * @ExtendWith(DynamoDbLocalExtension.class)
 * class OrderStoreIT {
 *   @Test
 *   void put_then_get(DynamoDbClient dynamo) {
 *     // ...
 *   }
 * }
 * }
 */
public final class DynamoDbLocalExtension
    extends SharedServerExtension<DynamoDbLocal, DynamoDbClient> {

  /** The extension JUnit creates. */
  public DynamoDbLocalExtension() {
    super(DynamoDbLocal.class, DynamoDbClient.class);
  }

  @Override
  DynamoDbLocal start() {
    return DynamoDbLocal.start();
  }

  @Override
  DynamoDbClient client(DynamoDbLocal server) {
    return server.client();
  }
}
