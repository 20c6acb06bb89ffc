package dev.idem.infra;

import dev.idem.infra.constructs.IdempotentFunction;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

/**
 * The CDK app ({@code cdk.json} runs it): one {@link OrdersStack} named {@code
 * idem-orders-<stage>}, settings from CDK context, checked by cdk-nag's AwsSolutions pack (a
 * finding that is not suppressed with a reason fails {@code cdk synth}).
 */
public final class OrdersApp {

  private OrdersApp() {}

  /** Synthesizes the stack into the CDK CLI's output directory. */
  public static void main(String[] args) {
    App app = new App();
    StageSettings settings = StageSettings.fromContext(app.getNode()::tryGetContext);
    new OrdersStack(
        app,
        "idem-orders-" + settings.stage(),
        settings,
        IdempotentFunction.codeFromJar(settings.functionsJar()));
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();
  }
}
