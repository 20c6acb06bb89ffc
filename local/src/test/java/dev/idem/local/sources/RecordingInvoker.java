package dev.idem.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.Invoker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Passes invocations to the real runtime and records each event with its result, so tests see
 * exactly what the function instances got and answered.
 */
public final class RecordingInvoker implements Invoker {

  /** One finished invocation (throttled ones included). */
  public record Call(
      String function, JsonNode event, InvocationResult result, long startNanos, long endNanos) {

    public InvocationResult.Status status() {
      return result.status();
    }

    public boolean ok() {
      return status() == InvocationResult.Status.OK;
    }

    public List<JsonNode> records() {
      List<JsonNode> records = new ArrayList<>();
      event.path("Records").forEach(records::add);
      return records;
    }

    /** The SQS bodies of the event, in order. */
    public List<String> bodies() {
      return records().stream().map(r -> r.path("body").asText()).toList();
    }

    /** The DynamoDB {@code pk} keys of the event, in order. */
    public List<String> keys() {
      return records().stream()
          .map(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText())
          .toList();
    }

    public List<String> sequenceNumbers() {
      return records().stream()
          .map(r -> r.path("dynamodb").path("SequenceNumber").asText())
          .toList();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Invoker delegate;
  private final List<Call> calls = new ArrayList<>();
  private int started;

  public RecordingInvoker(Invoker delegate) {
    this.delegate = delegate;
  }

  @Override
  public InvocationResult invoke(String functionName, byte[] payload) {
    synchronized (this) {
      started++;
      notifyAll();
    }
    long start = System.nanoTime();
    InvocationResult result = delegate.invoke(functionName, payload);
    Call call = new Call(functionName, parse(payload), result, start, System.nanoTime());
    synchronized (this) {
      calls.add(call);
      notifyAll();
    }
    return result;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls that were not throttled. */
  public synchronized List<Call> admitted() {
    return calls.stream().filter(c -> c.status() != InvocationResult.Status.THROTTLED).toList();
  }

  /** Waits until the finished calls satisfy the condition; fails naming it on timeout. */
  public synchronized List<Call> await(
      String what, Duration timeout, Predicate<List<Call>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(List.copyOf(calls))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Timed out waiting for " + what + "; calls: " + describe());
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(calls);
  }

  /** Waits until at least {@code count} invocations have started. */
  public synchronized void awaitStarted(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (started < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("Timed out waiting for " + count + " invocations to start");
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private String describe() {
    return calls.stream()
        .map(c -> c.status() + " " + c.records().size() + " " + c.event())
        .toList()
        .toString();
  }

  private static JsonNode parse(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
