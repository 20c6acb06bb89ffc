/**
 * Idem's idempotency library. The exported packages are its API: the core ({@code Idempotency}, its
 * requests, work shapes and exceptions), the Lambda event adapters, the stores, and the
 * service-provider interface for stores of one's own. {@code dev.idem.idempotency.internal} is not
 * exported: it may change in any release.
 *
 * <p>The AWS Lambda jars name no module; their names here are the ones Java derives from the jar
 * names ({@code aws-lambda-java-core} is {@code aws.lambda.java.core}), which hold while AWS keeps
 * the artifact ids.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.idem.idempotency {
  // The API's signatures carry types of these (DynamoDbClient, ObjectMapper, Lambda's Context and
  // events), so a user who reads this module reads them too.
  requires transitive software.amazon.awssdk.services.dynamodb;
  requires transitive software.amazon.awssdk.core;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive aws.lambda.java.core;
  requires transitive aws.lambda.java.events;

  exports dev.idem.idempotency;
  exports dev.idem.idempotency.dynamodb;
  exports dev.idem.idempotency.lambda;
  exports dev.idem.idempotency.memory;
  exports dev.idem.idempotency.spi;

  // Stored HTTP responses are package-private records that Jackson writes and reads by reflection.
  opens dev.idem.idempotency.lambda to
      com.fasterxml.jackson.databind;
}
