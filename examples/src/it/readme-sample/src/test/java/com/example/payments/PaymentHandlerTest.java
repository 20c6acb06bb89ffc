package com.example.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.IdempotencyTables;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynamoDbLocalExtension.class) // one in-process DynamoDB Local for the whole test run
class PaymentHandlerTest {

  private final List<PaymentHandler.Charge> charged = new ArrayList<>();
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();

  @Test
  void sameCharge_twice_chargesOnceAndReplaysTheReceipt(DynamoDbClient dynamo) {
    String table = IdempotencyTables.createFresh(dynamo); // a new table of this test's own
    PaymentHandler handler = new PaymentHandler(dynamo, table, this::charge);
    PaymentHandler.Charge charge = new PaymentHandler.Charge("pay-1", "cust-1", 4200);

    PaymentHandler.Receipt first = handler.handleRequest(charge, context);
    PaymentHandler.Receipt retry = handler.handleRequest(charge, context);

    assertEquals(first, retry);
    assertEquals(1, charged.size());
  }

  @Test
  void anotherPayment_runsAgain(DynamoDbClient dynamo) {
    String table = IdempotencyTables.createFresh(dynamo);
    PaymentHandler handler = new PaymentHandler(dynamo, table, this::charge);

    handler.handleRequest(new PaymentHandler.Charge("pay-1", "cust-1", 4200), context);
    handler.handleRequest(new PaymentHandler.Charge("pay-2", "cust-1", 4200), context);

    assertEquals(2, charged.size());
  }

  private String charge(PaymentHandler.Charge charge) {
    charged.add(charge);
    return "ch_" + charged.size();
  }
}
