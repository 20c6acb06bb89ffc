package com.example.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

public final class PaymentHandler
    implements RequestHandler<PaymentHandler.Charge, PaymentHandler.Receipt> {

  public record Charge(String paymentId, String customerId, long amountCents) {}

  public record Receipt(String paymentId, String providerReference) {}

  private final Idempotency idempotency;
  private final Function<Charge, String> provider;

  public PaymentHandler(DynamoDbClient dynamo, String table, Function<Charge, String> provider) {
    this.idempotency =
        Idempotency.builder()
            .store(DynamoDbIdempotencyStore.builder().client(dynamo).tableName(table).build())
            .keyPrefix("charges")
            .build();
    this.provider = provider;
  }

  @Override
  public Receipt handleRequest(Charge charge, Context context) {
    return idempotency.execute(
        IdempotentRequest.of(charge.paymentId(), charge, context).caller(charge.customerId()),
        Receipt.class,
        () -> new Receipt(charge.paymentId(), provider.apply(charge)));
  }
}
