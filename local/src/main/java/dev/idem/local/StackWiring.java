package dev.idem.local;

import dev.idem.local.code.CodeLayoutException;
import dev.idem.local.code.CodeLayouts;
import dev.idem.local.code.FunctionCode;
import dev.idem.local.lambda.AsyncConfig;
import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.sources.api.ApiRoute;
import dev.idem.local.sources.api.BinaryMediaTypes;
import dev.idem.local.sources.api.BodyValidation;
import dev.idem.local.sources.api.GatewayResponse;
import dev.idem.local.sources.api.RouteStage;
import dev.idem.local.sources.sqs.SqsSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig;
import dev.idem.local.template.ApiEvent;
import dev.idem.local.template.ApiStage;
import dev.idem.local.template.FunctionAlias;
import dev.idem.local.template.FunctionEvent;
import dev.idem.local.template.FunctionLayer;
import dev.idem.local.template.FunctionSpec;
import dev.idem.local.template.InvokeConfig;
import dev.idem.local.template.RequestModel;
import dev.idem.local.template.RuleEvent;
import dev.idem.local.template.SchedulerEvent;
import dev.idem.local.template.SqsEvent;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.StreamEvent;
import dev.idem.local.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The template's functions and events as the Lambda runtime and the event sources take them. */
final class StackWiring {

  private StackWiring() {}

  /**
   * One definition per function: its code and layers resolved, its runtime, memory, timeout and
   * environment; its reserved concurrency, else {@code defaultLimit}; its aliases, and their
   * provisioned concurrency (at most the limit).
   *
   * @throws TemplateException naming the function (and layer) whose code cannot be resolved
   */
  static List<FunctionDefinition> definitions(
      StackSpec stack, int defaultLimit, CodeLayouts layouts) {
    return definitions(stack, defaultLimit, Map.of(), layouts);
  }

  /**
   * As {@link #definitions(StackSpec, int, CodeLayouts)}, with the code already resolved by logical
   * id; what is not there is resolved now.
   */
  static List<FunctionDefinition> definitions(
      StackSpec stack, int defaultLimit, Map<String, FunctionCode> resolved) {
    return definitions(stack, defaultLimit, resolved, CodeLayouts.standard());
  }

  private static List<FunctionDefinition> definitions(
      StackSpec stack, int defaultLimit, Map<String, FunctionCode> resolved, CodeLayouts layouts) {
    return stack.functions().stream()
        .map(f -> definition(f, defaultLimit, resolved.getOrDefault(f.logicalId(), null), layouts))
        .toList();
  }

  private static FunctionDefinition definition(
      FunctionSpec f, int defaultLimit, FunctionCode resolved, CodeLayouts layouts) {
    int limit = f.reservedConcurrency() != null ? f.reservedConcurrency() : defaultLimit;
    return new FunctionDefinition(
        f.name(),
        f.handler(),
        f.runtime(),
        resolved != null ? resolved : code(f, layouts),
        f.memorySize(),
        f.timeout(),
        f.environment(),
        limit,
        f.aliases().stream().map(FunctionAlias::name).collect(Collectors.toSet()),
        Math.min(f.provisionedConcurrency(), limit));
  }

  /** The function's class path: its code's, then its layers' in the order it lists them. */
  static FunctionCode code(FunctionSpec f, CodeLayouts layouts) {
    FunctionCode own;
    try {
      own = layouts.function(f.codeUri());
    } catch (CodeLayoutException e) {
      throw new TemplateException(f.logicalId() + " code: " + e.getMessage());
    }
    List<FunctionCode> layers = new ArrayList<>();
    for (FunctionLayer layer : f.layers()) {
      try {
        layers.add(layouts.layer(layer.content()));
      } catch (CodeLayoutException e) {
        throw new TemplateException(
            f.logicalId() + " layer " + layer.logicalId() + ": " + e.getMessage());
      }
    }
    return own.withLayers(layers);
  }

  /** Every function's {@code Api} events. */
  static List<ApiRoute> routes(StackSpec stack) {
    List<ApiRoute> routes = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      for (FunctionEvent event : function.events()) {
        if (event instanceof ApiEvent api) {
          routes.add(
              new ApiRoute(
                  api.method(),
                  api.path(),
                  function.name(),
                  bodyValidation(api.requestModel()),
                  stage(api.stage())));
        }
      }
    }
    return routes;
  }

  /**
   * Every enabled {@code SQS} event; a mapping without {@code MaximumConcurrency} may use all of
   * its function's instances.
   *
   * @param queueUrl the URL of a queue, by its ARN
   * @param limits a function's concurrency limit, by its name
   */
  static List<SqsSourceConfig> sqsSources(
      StackSpec stack, Function<String, String> queueUrl, Function<String, Integer> limits) {
    List<SqsSourceConfig> configs = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      for (FunctionEvent event : function.events()) {
        if (event instanceof SqsEvent sqs && sqs.enabled()) {
          configs.add(
              new SqsSourceConfig(
                  function.name(),
                  queueUrl.apply(sqs.queueArn()),
                  sqs.queueArn(),
                  sqs.batchSize(),
                  sqs.maxBatchingWindow(),
                  sqs.reportBatchItemFailures(),
                  sqs.maximumConcurrency() != null
                      ? sqs.maximumConcurrency()
                      : Math.max(1, limits.apply(function.name())),
                  sqs.filters()));
        }
      }
    }
    return configs;
  }

  /** Every enabled {@code DynamoDB} stream event. */
  static List<StreamSourceConfig> streamSources(StackSpec stack) {
    List<StreamSourceConfig> configs = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      for (FunctionEvent event : function.events()) {
        if (event instanceof StreamEvent stream && stream.enabled()) {
          configs.add(streamSource(function.name(), stream));
        }
      }
    }
    return configs;
  }

  /** The events that are switched off ({@code Enabled: false}), as {@code Function.Event}. */
  static List<String> disabled(StackSpec stack) {
    List<String> off = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      for (FunctionEvent event : function.events()) {
        boolean enabled =
            switch (event) {
              case SqsEvent sqs -> sqs.enabled();
              case StreamEvent stream -> stream.enabled();
              case ApiEvent api -> true;
              case RuleEvent rule -> rule.enabled();
              case SchedulerEvent schedule -> schedule.enabled();
            };
        if (!enabled) {
          off.add(function.logicalId() + "." + event.name());
        }
      }
    }
    return off;
  }

  /** Every function's SAM {@code EventBridgeRule}, {@code CloudWatchEvent} and {@code Schedule}. */
  static List<RuleEvent> ruleEvents(StackSpec stack) {
    List<RuleEvent> rules = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      for (FunctionEvent event : function.events()) {
        if (event instanceof RuleEvent rule) {
          rules.add(rule);
        }
      }
    }
    return rules;
  }

  /** A Scheduler schedule and the name of the function it invokes. */
  record Scheduled(String function, SchedulerEvent event) {}

  /**
   * Every enabled Scheduler schedule (SAM {@code ScheduleV2}, {@code AWS::Scheduler::Schedule}).
   */
  static List<Scheduled> schedulerEvents(StackSpec stack) {
    List<Scheduled> schedules = new ArrayList<>();
    for (FunctionSpec function : stack.functions()) {
      for (FunctionEvent event : function.events()) {
        if (event instanceof SchedulerEvent schedule && schedule.enabled()) {
          schedules.add(new Scheduled(function.name(), schedule));
        }
      }
    }
    return schedules;
  }

  /** Each function's asynchronous invocation settings, by its name; defaults filled in. */
  static Map<String, AsyncConfig> asyncConfigs(StackSpec stack) {
    Map<String, AsyncConfig> configs = new LinkedHashMap<>();
    for (FunctionSpec function : stack.functions()) {
      InvokeConfig config = function.invokeConfig();
      AsyncConfig defaults = AsyncConfig.DEFAULT;
      configs.put(
          function.name(),
          new AsyncConfig(
              config.maximumRetryAttempts() == null
                  ? defaults.maximumRetryAttempts()
                  : config.maximumRetryAttempts(),
              config.maximumEventAgeInSeconds() == null
                  ? defaults.maximumEventAge()
                  : Duration.ofSeconds(config.maximumEventAgeInSeconds()),
              config.onSuccess(),
              config.onFailure(),
              config.deadLetterArn()));
    }
    return configs;
  }

  /** The model as the API validates bodies with it; API Gateway's own answer unless declared. */
  private static BodyValidation bodyValidation(RequestModel model) {
    if (model == null) {
      return null;
    }
    RequestModel.InvalidBody declared = model.invalidBody();
    GatewayResponse invalid =
        declared == null
            ? GatewayResponse.badRequestBody()
            : new GatewayResponse(
                declared.statusCode() == null ? 400 : declared.statusCode(),
                declared.headers(),
                declared.templates());
    return new BodyValidation(model.contentType(), model.schema(), invalid);
  }

  private static StreamSourceConfig streamSource(String functionName, StreamEvent stream) {
    return new StreamSourceConfig(
        functionName,
        stream.streamArn(),
        StreamSourceConfig.StartingPosition.valueOf(
            stream.startingPosition().toUpperCase(Locale.ROOT)),
        stream.batchSize(),
        stream.maxBatchingWindow(),
        stream.maximumRetryAttempts(),
        stream.maximumRecordAgeInSeconds(),
        stream.bisectOnError(),
        stream.reportBatchItemFailures(),
        stream.onFailureDestinationArn(),
        stream.filters());
  }

  private static RouteStage stage(ApiStage stage) {
    return new RouteStage(
        stage.kind() == ApiStage.Kind.HTTP,
        stage.apiId(),
        stage.name(),
        stage.variables(),
        stage.payloadFormat(),
        new BinaryMediaTypes(stage.binaryMediaTypes()));
  }
}
