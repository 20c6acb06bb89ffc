package dev.idem.local.edge;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link LocalAws} (edge on a free port, marked ready) across the test classes of a run,
 * stopped when the run ends. Tests use names of their own for what they create.
 */
public final class LocalAwsExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalAwsExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalAws.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("aws", k -> started(), LocalAws.class);
  }

  private static LocalAws started() {
    LocalAws aws = LocalAws.start(0);
    aws.router().markReady();
    return aws;
  }
}
