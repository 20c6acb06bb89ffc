package dev.idem.local.template;

import dev.idem.testing.LocalAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an {@code AWS::Serverless::Function}: its settings, its events ({@code Api}, {@code
 * HttpApi}, {@code SQS}, {@code DynamoDB}, {@code EventBridgeRule}, {@code CloudWatchEvent}, {@code
 * Schedule}, {@code ScheduleV2}), its {@code EventInvokeConfig} and {@code DeadLetterQueue}, and
 * its {@code AutoPublishAlias} with {@code ProvisionedConcurrencyConfig}, plus what other resources
 * attach to it.
 */
final class FunctionReader {

  static final String TYPE = FunctionRefs.SERVERLESS_FUNCTION;

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final ApiReader apis;
  private final HttpApiReader httpApis;
  private final MappingProps mappings;
  private final SamScheduleEvents schedules;

  FunctionReader(
      Template template,
      ResourceIds ids,
      NotEmulated notes,
      ApiReader apis,
      HttpApiReader httpApis) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.apis = apis;
    this.httpApis = httpApis;
    this.mappings = new MappingProps(notes);
    this.schedules = new SamScheduleEvents(ids, notes);
  }

  /** The function's spec, or null (and reported) when it cannot run locally. */
  FunctionSpec function(Resource resource, Props props, Attachments attached) {
    String id = resource.logicalId();
    String runtime = props.string("Runtime", "");
    if (!JavaRuntimes.runs(runtime, id + ".Runtime")) {
      notes.resource(id, resource.type() + " (runtime '" + runtime + "': only Java runs)");
      return null;
    }
    if (props.has("InlineCode") || !(props.value("CodeUri") instanceof String codeUri)) {
      notes.resource(id, resource.type() + " (CodeUri must be a local jar or folder)");
      return null;
    }
    props.ignore("FunctionName", "Description", "PackageType");
    Props environment = props.child("Environment");
    Props variables = environment == null ? null : environment.child("Variables");
    List<FunctionEvent> events = new ArrayList<>(events(id, props.child("Events")));
    events.addAll(attached.events(id));
    List<FunctionAlias> aliases = new ArrayList<>(alias(props));
    aliases.addAll(attached.aliases(id));
    FunctionSpec spec =
        new FunctionSpec(
            id,
            ids.ref(id),
            props.required("Handler"),
            codePath(id, codeUri),
            runtime,
            props.integer("MemorySize", 128),
            Duration.ofSeconds(props.integer("Timeout", 3)),
            variables == null ? Map.of() : variables.stringMap(),
            props.integer("ReservedConcurrentExecutions"),
            events,
            aliases,
            new LayerReader(template, ids, notes).layers(props),
            attached.invokeConfig(id, new AsyncReader(notes).sam(props)));
    if (environment != null) {
      environment.reportUnread(notes);
    }
    props.reportUnread(notes);
    return spec;
  }

  /** SAM's AutoPublishAlias, with the provisioned concurrency SAM gives it. */
  private List<FunctionAlias> alias(Props props) {
    String name = props.string("AutoPublishAlias");
    Props provisioned = props.child("ProvisionedConcurrencyConfig");
    if (name == null) {
      return List.of();
    }
    int instances =
        provisioned == null ? 0 : provisioned.integer("ProvisionedConcurrentExecutions", 0);
    if (provisioned != null) {
      provisioned.reportUnread(notes);
    }
    return List.of(new FunctionAlias(name, instances));
  }

  /** The CodeUri, or {@code sam build}'s output for the function beside the template. */
  private Path codePath(String id, String codeUri) {
    return LayerReader.builtCode(template, id)
        .orElseGet(() -> LayerReader.resolve(template, codeUri));
  }

  private List<FunctionEvent> events(String functionId, Props events) {
    if (events == null) {
      return List.of();
    }
    List<FunctionEvent> read = new ArrayList<>();
    for (String name : events.keys()) {
      Props event = events.child(name);
      String type = event.required("Type");
      Props properties = event.childOrEmpty("Properties");
      FunctionEvent spec =
          switch (type) {
            case "Api" -> api(name, properties);
            case "HttpApi" -> httpApis.samEvent(name, properties);
            case "SQS" -> mappings.sqs(name, properties.required("Queue"), properties);
            case "DynamoDB" -> mappings.stream(name, properties.required("Stream"), properties);
            case "EventBridgeRule", "CloudWatchEvent", "Schedule" ->
                schedules.rule(functionId, arn(functionId), name, type, properties);
            case "ScheduleV2" -> schedules.scheduleV2(functionId, name, properties);
            default -> null;
          };
      if (spec == null) {
        notes.property(event.where(), "Events of type " + type);
      } else {
        read.add(spec);
        properties.reportUnread(notes);
      }
    }
    return read;
  }

  private String arn(String functionId) {
    return LocalAccount.arn("lambda", "function:" + ids.ref(functionId));
  }

  private ApiEvent api(String name, Props props) {
    return new ApiEvent(
        name,
        props.required("Path"),
        props.required("Method").toUpperCase(Locale.ROOT),
        apis.requestModel(props),
        apis.stage(props.string("RestApiId")));
  }
}
