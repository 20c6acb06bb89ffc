package dev.idem.local.template;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads an {@code AWS::Serverless::Function} and its events into a {@link FunctionSpec}. */
final class FunctionReader {

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final ApiReader apis;

  FunctionReader(Template template, ResourceIds ids, NotEmulated notes, ApiReader apis) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.apis = apis;
  }

  /** The function's spec, or null (and reported) when it cannot run locally. */
  FunctionSpec function(Resource resource, Props props) {
    String id = resource.logicalId();
    String runtime = props.string("Runtime", "");
    if (!runtime.startsWith("java")) {
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
    FunctionSpec spec =
        new FunctionSpec(
            id,
            ids.ref(id),
            props.required("Handler"),
            codePath(codeUri),
            runtime,
            props.integer("MemorySize", 128),
            Duration.ofSeconds(props.integer("Timeout", 3)),
            variables == null ? Map.of() : variables.stringMap(),
            props.integer("ReservedConcurrentExecutions"),
            events(props.child("Events")));
    if (environment != null) {
      environment.reportUnread(notes);
    }
    return spec;
  }

  private Path codePath(String codeUri) {
    Path path = Path.of(codeUri);
    Path base = template.baseDir() == null ? Path.of("") : template.baseDir();
    return base.resolve(path).toAbsolutePath().normalize();
  }

  private List<FunctionEvent> events(Props events) {
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
            case "SQS" -> sqs(name, properties);
            case "DynamoDB" -> stream(name, properties);
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

  private ApiEvent api(String name, Props props) {
    return new ApiEvent(
        name,
        props.required("Path"),
        props.required("Method").toUpperCase(Locale.ROOT),
        apis.requestModel(props));
  }

  private SqsEvent sqs(String name, Props props) {
    Props scaling = props.child("ScalingConfig");
    SqsEvent event =
        new SqsEvent(
            name,
            props.required("Queue"),
            props.integer("BatchSize", 10),
            Duration.ofSeconds(props.integer("MaximumBatchingWindowInSeconds", 0)),
            props.strings("FunctionResponseTypes").contains("ReportBatchItemFailures"),
            scaling == null ? null : scaling.integer("MaximumConcurrency"),
            props.bool("Enabled", true));
    if (scaling != null) {
      scaling.reportUnread(notes);
    }
    return event;
  }

  private StreamEvent stream(String name, Props props) {
    Props destination = props.child("DestinationConfig");
    Props onFailure = destination == null ? null : destination.child("OnFailure");
    String onFailureArn = null;
    if (onFailure != null) {
      onFailure.ignore("Type");
      onFailureArn = onFailure.string("Destination");
      onFailure.reportUnread(notes);
    }
    if (destination != null) {
      destination.reportUnread(notes);
    }
    return new StreamEvent(
        name,
        props.required("Stream"),
        props.required("StartingPosition"),
        props.integer("BatchSize", 100),
        Duration.ofSeconds(props.integer("MaximumBatchingWindowInSeconds", 0)),
        props.integer("MaximumRetryAttempts", -1),
        props.integer("MaximumRecordAgeInSeconds", -1),
        props.bool("BisectBatchOnFunctionError", false),
        props.strings("FunctionResponseTypes").contains("ReportBatchItemFailures"),
        onFailureArn,
        props.bool("Enabled", true));
  }
}
