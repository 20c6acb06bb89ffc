package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One adapter instance shared by concurrent invocations, as in a container with many threads. */
class HttpConcurrencyTest {

  private static final int DUPLICATES = 7;

  private final BothFormats http =
      BothFormats.of(Fixtures.idempotency(new InMemoryIdempotencyStore()));
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void handle_sameKeyFromManyThreads_runsOnceAndAnswersTheOthers409() throws Exception {
    CountDownLatch othersAnswered = new CountDownLatch(DUPLICATES);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(DUPLICATES + 1);
    try {
      List<Future<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
      for (int i = 0; i <= DUPLICATES; i++) {
        calls.add(pool.submit(() -> call(start, othersAnswered)));
      }
      start.countDown();

      List<Integer> statuses = new ArrayList<>();
      for (Future<APIGatewayV2HTTPResponse> call : calls) {
        statuses.add(call.get(10, TimeUnit.SECONDS).getStatusCode());
      }

      assertThat(runs).hasValue(1);
      assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private APIGatewayV2HTTPResponse call(CountDownLatch start, CountDownLatch othersAnswered)
      throws InterruptedException {
    start.await(5, TimeUnit.SECONDS);
    APIGatewayV2HTTPResponse response =
        http.handle(
            Fixtures.httpApiRequest(),
            TestLambdaContext.thirtySecondsLeft(),
            request -> {
              runs.incrementAndGet();
              // Holds the key until every duplicate has been answered, so none can see a result.
              othersAnswered.await(5, TimeUnit.SECONDS);
              APIGatewayV2HTTPResponse created = new APIGatewayV2HTTPResponse();
              created.setStatusCode(201);
              return created;
            });
    if (response.getStatusCode() != 201) {
      othersAnswered.countDown();
    }
    return response;
  }
}
