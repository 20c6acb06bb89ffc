package dev.idem.local.sources;

import dev.idem.local.lambda.LambdaRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One fixture function for a test class: its runtime started and all its instances warmed before
 * the class ({@link SourceFixtures#warm}), stopped after it. Register it as a static field.
 *
 * {@snippet :
 * @RegisterExtension
 * static final WarmFunction FUNCTION = new WarmFunction("sqs", "SqsBatchHandler", 1, "{\"Records\":[]}");
 * }
 */
public final class WarmFunction implements BeforeAllCallback, AfterAllCallback {

  private final String name;
  private final String handler;
  private final int instances;
  private final String warmEvent;
  private LambdaRuntime runtime;

  /**
   * @param name the function's name
   * @param handler the fixture handler's simple class name
   * @param instances its concurrency limit, all of them warmed
   * @param warmEvent the event each instance is warmed with; it must succeed
   */
  public WarmFunction(String name, String handler, int instances, String warmEvent) {
    this.name = name;
    this.handler = handler;
    this.instances = instances;
    this.warmEvent = warmEvent;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    runtime = SourceFixtures.runtime(SourceFixtures.function(name, handler, instances));
    SourceFixtures.warm(runtime, name, warmEvent, instances);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    runtime.close();
  }

  /** The runtime, between the class's start and end. */
  public LambdaRuntime runtime() {
    return runtime;
  }
}
