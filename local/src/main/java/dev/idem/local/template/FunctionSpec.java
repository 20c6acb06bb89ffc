package dev.idem.local.template;

import dev.idem.testing.LocalAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Java function ({@code AWS::Serverless::Function} or {@code AWS::Lambda::Function}), resolved.
 *
 * @param logicalId its logical id
 * @param name its {@code FunctionName}, or the logical id
 * @param handler {@code package.Class::method} or {@code package.Class}
 * @param codeUri its code, absolute: a SAM {@code CodeUri}, a CDK asset, a local {@code Code} path,
 *     or its {@code .aws-sam/build} output; a jar, zip or folder in one of the layouts {@link
 *     dev.idem.local.code.CodeLayouts} resolves
 * @param runtime e.g. {@code java21}
 * @param memorySize in MB (default 128)
 * @param timeout the invocation timeout (default 3 s)
 * @param environment its {@code Environment.Variables}, resolved
 * @param reservedConcurrency its {@code ReservedConcurrentExecutions}, or null
 * @param events its event sources: its own SAM events, and the event source mappings, API methods
 *     and routes of the template that invoke it (or one of its aliases or versions)
 * @param aliases its aliases
 * @param layers the template's layers it lists, in its order
 * @param invokeConfig how its asynchronous invocations are handled ({@link InvokeConfig#DEFAULT}
 *     when the template says nothing)
 */
public record FunctionSpec(
    String logicalId,
    String name,
    String handler,
    Path codeUri,
    String runtime,
    int memorySize,
    Duration timeout,
    Map<String, String> environment,
    Integer reservedConcurrency,
    List<FunctionEvent> events,
    List<FunctionAlias> aliases,
    List<FunctionLayer> layers,
    InvokeConfig invokeConfig)
    implements ResourceSpec {

  @Override
  public ResourceKind kind() {
    return ResourceKind.FUNCTION;
  }

  public FunctionSpec {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    events = List.copyOf(events);
    aliases = List.copyOf(aliases);
    layers = List.copyOf(layers);
    invokeConfig = invokeConfig == null ? InvokeConfig.DEFAULT : invokeConfig;
  }

  /** A function whose asynchronous invocations take Lambda's defaults. */
  public FunctionSpec(
      String logicalId,
      String name,
      String handler,
      Path codeUri,
      String runtime,
      int memorySize,
      Duration timeout,
      Map<String, String> environment,
      Integer reservedConcurrency,
      List<FunctionEvent> events,
      List<FunctionAlias> aliases,
      List<FunctionLayer> layers) {
    this(
        logicalId,
        name,
        handler,
        codeUri,
        runtime,
        memorySize,
        timeout,
        environment,
        reservedConcurrency,
        events,
        aliases,
        layers,
        InvokeConfig.DEFAULT);
  }

  /** A function without aliases or layers. */
  public FunctionSpec(
      String logicalId,
      String name,
      String handler,
      Path codeUri,
      String runtime,
      int memorySize,
      Duration timeout,
      Map<String, String> environment,
      Integer reservedConcurrency,
      List<FunctionEvent> events) {
    this(
        logicalId,
        name,
        handler,
        codeUri,
        runtime,
        memorySize,
        timeout,
        environment,
        reservedConcurrency,
        events,
        List.of(),
        List.of());
  }

  /** The instances its aliases' provisioned concurrency asks for, together. */
  public int provisionedConcurrency() {
    return aliases.stream().mapToInt(FunctionAlias::provisionedConcurrency).sum();
  }

  /** The ARN Lambda would give it, in the {@link LocalAccount}. */
  public String arn() {
    return LocalAccount.arn("lambda", "function:" + name);
  }
}
