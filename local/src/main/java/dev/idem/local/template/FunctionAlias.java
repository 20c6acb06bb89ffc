package dev.idem.local.template;

/**
 * A function alias ({@code AWS::Lambda::Alias}, or SAM's {@code AutoPublishAlias}): invocations of
 * it reach the function (every version runs the function's one code locally).
 *
 * @param name the alias's name, e.g. {@code live}
 * @param provisionedConcurrency its {@code
 *     ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions}: instances started before the
 *     local cloud is ready; 0 for none
 */
public record FunctionAlias(String name, int provisionedConcurrency) {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the provisioned concurrency is negative
   */
  public FunctionAlias {
    java.util.Objects.requireNonNull(name, "name");
    if (provisionedConcurrency < 0) {
      throw new IllegalArgumentException(
          "alias " + name + ": provisioned concurrency " + provisionedConcurrency + " is negative");
    }
  }
}
