package dev.idem.testing;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * JUnit 5 extension that shares one in-process {@link ElasticMq} across all the test classes of a
 * run, started on first use and stopped when the run ends.
 *
 * <p>Test methods, constructors and lifecycle methods may declare an {@link ElasticMq} parameter
 * (to build clients with interceptors) or an {@link SqsClient} parameter (a plain client, closed
 * after the class). Tests own the queues they create: use unique queue names and delete them.
 */
public final class ElasticMqExtension extends SharedServerExtension<ElasticMq, SqsClient> {

  /** The extension JUnit creates. */
  public ElasticMqExtension() {
    super(ElasticMq.class, SqsClient.class);
  }

  @Override
  ElasticMq start() {
    return ElasticMq.start();
  }

  @Override
  SqsClient client(ElasticMq server) {
    return server.client();
  }
}
