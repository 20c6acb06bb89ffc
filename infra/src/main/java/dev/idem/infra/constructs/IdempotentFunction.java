package dev.idem.infra.constructs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.AutoScalingOptions;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.UtilizationScalingOptions;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A Java Lambda function with Idem's wiring: its own role (no managed policies), its own log group
 * with a retention, JSON logs, active tracing, {@code IDEMPOTENCY_TABLE} and the grant on that
 * table, and an alias on the current version that event sources and integrations invoke. The alias
 * scales one of two ways, never both: provisioned concurrency auto-scaled on utilization, or
 * SnapStart snapshots of each published version.
 *
 * {@snippet :
 * IdempotentFunction fn =
 *     new IdempotentFunction(
 *         this,
 *         "CapturePayment",
 *         IdempotentFunctionProps.builder("com.example.PaymentHandler::handleRequest")
 *             .idempotencyTable(idempotencyTable)
 *             .environment("PAYMENT_PROVIDER_URL", "https://pay.example.com")
 *             .snapStart(true)
 *             .build());
 * }
 */
public final class IdempotentFunction extends Construct {

  /** The shaded jar of the reference functions, as Maven builds it, from the repository root. */
  public static final String DEFAULT_JAR = "functions/target/idem-functions.jar";

  private final IdempotentFunctionProps props;
  private final LogGroup logGroup;
  private final Role role;
  private final Function function;
  private final Alias alias;

  /**
   * Creates the function, its role, log group and alias.
   *
   * @throws IllegalStateException when no code is given and {@link #DEFAULT_JAR} is missing
   */
  public IdempotentFunction(Construct scope, String id, IdempotentFunctionProps props) {
    super(scope, id);
    this.props = props;
    this.logGroup = createLogGroup();
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("Runs " + props.handler())
            .build();
    this.function = createFunction();
    if (props.snapStart()) {
      // CDK warns that SnapStart needs published versions: the alias is on one.
      Annotations.of(function)
          .acknowledgeWarning(
              "@aws-cdk/aws-lambda:snapStartRequirePublish",
              "The alias invokes the published current version");
    }
    this.alias = createAlias();
    logGroup.grantWrite(role);
    if (props.idempotencyTable() != null) {
      props.idempotencyTable().grantIdempotency(role, props.transactional());
    }
    NagRules.function(function, role, props.runtime());
    lintRedundantRoleDependency();
  }

  /**
   * The deployment package in {@code jar}: a shaded jar (a zip), uploaded as it is.
   *
   * @throws IllegalStateException when there is no file at {@code jar}
   */
  public static Code codeFromJar(String jar) {
    Path path = Path.of(jar);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "No deployment package at "
              + path.toAbsolutePath()
              + ": build it first (from the repository root: ./mvnw -B -ntp -pl functions -am"
              + " package -DskipTests), or pass IdempotentFunctionProps.code(...)");
    }
    return Code.fromAsset(path.toString());
  }

  /** The alias that event sources and integrations should invoke. */
  public Alias alias() {
    return alias;
  }

  /** The function ({@code $LATEST}). */
  public Function function() {
    return function;
  }

  /** The function's role. */
  public IRole role() {
    return role;
  }

  /** The function's log group. */
  public ILogGroup logGroup() {
    return logGroup;
  }

  /** The invocation timeout. */
  public Duration timeout() {
    return props.timeout();
  }

  private LogGroup createLogGroup() {
    return LogGroup.Builder.create(this, "Logs")
        .logGroupName(props.logGroupName())
        .retention(props.logRetention())
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }

  private Function createFunction() {
    return Function.Builder.create(this, "Function")
        .handler(props.handler())
        .code(props.code() != null ? props.code() : codeFromJar(DEFAULT_JAR))
        .runtime(props.runtime().runtime())
        .architecture(props.architecture())
        .memorySize(props.memorySize())
        .timeout(props.timeout())
        .description(props.description())
        .environment(environment())
        .role(role)
        .tracing(Tracing.ACTIVE)
        .loggingFormat(LoggingFormat.JSON)
        .applicationLogLevelV2(ApplicationLogLevel.INFO)
        .systemLogLevelV2(SystemLogLevel.INFO)
        .logGroup(logGroup)
        .snapStart(props.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
        .build();
  }

  /**
   * CDK makes the function depend on its whole role, the role and its policy, so that the policy
   * exists before the function runs; the dependency on the role itself repeats the function's
   * reference to it, which cfn-lint reports (W3005). Harmless, and CDK's to render: told to
   * cfn-lint on this resource only.
   */
  private void lintRedundantRoleDependency() {
    ((CfnResource) function.getNode().getDefaultChild())
        .addMetadata("cfn-lint", Map.of("config", Map.of("ignore_checks", List.of("W3005"))));
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("POWERTOOLS_SERVICE_NAME", props.serviceName());
    if (props.javaToolOptions() != null) {
      environment.put("JAVA_TOOL_OPTIONS", props.javaToolOptions());
    }
    environment.putAll(new TreeMap<>(props.environment()));
    if (props.idempotencyTable() != null) {
      environment.put("IDEMPOTENCY_TABLE", props.idempotencyTable().tableName());
    }
    return environment;
  }

  private Alias createAlias() {
    ProvisionedConcurrency provisioned = props.provisionedConcurrency();
    Alias created =
        Alias.Builder.create(this, "Alias")
            .aliasName(props.aliasName())
            .version(function.getCurrentVersion())
            .provisionedConcurrentExecutions(provisioned == null ? null : provisioned.minimum())
            .build();
    if (provisioned != null) {
      created
          .addAutoScaling(
              AutoScalingOptions.builder()
                  .minCapacity(provisioned.minimum())
                  .maxCapacity(provisioned.maximum())
                  .build())
          .scaleOnUtilization(
              UtilizationScalingOptions.builder()
                  .utilizationTarget(provisioned.utilizationTarget())
                  .build());
    }
    return created;
  }
}
