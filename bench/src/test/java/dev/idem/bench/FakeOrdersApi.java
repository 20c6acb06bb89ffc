package dev.idem.bench;

import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An orders API on loopback for the clients' tests: an order per new Idempotency-Key (the same one
 * again for a known key, as a replay), PAID once it has been read {@code readsUntilPaid} times and
 * FULFILLED from the read after, and a 429 for the first {@code throttleFirst} POSTs.
 */
final class FakeOrdersApi implements AutoCloseable {

  private final Map<String, String> orderByKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  private final AtomicInteger throttles;
  private final AtomicInteger posts = new AtomicInteger();
  private final int readsUntilPaid;
  private final HttpEndpoint endpoint;

  FakeOrdersApi(int readsUntilPaid, int throttleFirst) {
    this.readsUntilPaid = readsUntilPaid;
    this.throttles = new AtomicInteger(throttleFirst);
    this.endpoint = HttpEndpoint.start("fake orders API", 0, this::handle);
  }

  URI url() {
    return endpoint.url();
  }

  int posts() {
    return posts.get();
  }

  int orders() {
    return orderByKey.size();
  }

  private Response handle(Request request) {
    if (request.method().equals("POST")) {
      posts.incrementAndGet();
      if (throttles.getAndDecrement() > 0) {
        return Response.json(429, "{\"message\":\"Too Many Requests\"}");
      }
      String key = request.header("Idempotency-Key").orElseThrow();
      boolean known = orderByKey.containsKey(key);
      String orderId = orderByKey.computeIfAbsent(key, k -> UUID.randomUUID().toString());
      Response created = Response.json(201, "{\"orderId\":\"" + orderId + "\"}");
      return known ? created.withHeader("Idempotent-Replayed", "true") : created;
    }
    String orderId = request.path().substring("/orders/".length());
    int read = reads.computeIfAbsent(orderId, id -> new AtomicInteger()).incrementAndGet();
    String status =
        read > readsUntilPaid ? "FULFILLED" : read == readsUntilPaid ? "PAID" : "PLACED";
    return Response.json(200, "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"}");
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
