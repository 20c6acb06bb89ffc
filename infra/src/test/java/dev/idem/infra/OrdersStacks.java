package dev.idem.infra;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.Map;
import software.amazon.awscdk.App;

/** Synthesizes {@link OrdersStack}s for tests, with the stand-in functions jar. */
public final class OrdersStacks {

  private static Synthesized defaults;

  private OrdersStacks() {}

  /** One synthesized stack: the app, the stack and its template. */
  public record Synthesized(App app, OrdersStack stack, CfnTemplate template) {}

  /**
   * The stack as {@code cdk synth} makes it with no context beyond cdk.json's, synthesized once per
   * test run.
   */
  public static synchronized Synthesized defaults() {
    if (defaults == null) {
      defaults = synthesize(Map.of());
    }
    return defaults;
  }

  /** The stack with cdk.json's context plus {@code context}, synthesized and nag-checked. */
  public static Synthesized synthesize(Map<String, Object> context) {
    App app = CdkTest.app(context);
    StageSettings settings = StageSettings.fromContext(app.getNode()::tryGetContext);
    OrdersStack stack =
        new OrdersStack(app, "idem-orders-" + settings.stage(), settings, CdkTest.functionsCode());
    Map<String, Object> json = CdkTest.synthesize(app, stack).get(stack.getStackName());
    return new Synthesized(app, stack, new CfnTemplate(json));
  }
}
