package dev.idem.idempotency.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.lambda.SqsBatchIdempotency;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.function.Consumer;

/** The README's SQS example, compiled and run by {@code ReadmeExamplesTest}. */
public final class ChargeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final SqsBatchIdempotency batch;
  private final Consumer<String> paymentProvider;

  public ChargeHandler(IdempotencyStore store, Consumer<String> paymentProvider) {
    this.batch =
        SqsBatchIdempotency.of(Idempotency.builder().store(store).keyPrefix("charges").build());
    this.paymentProvider = paymentProvider;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return batch.process(event, context, message -> paymentProvider.accept(message.getBody()));
  }
}
