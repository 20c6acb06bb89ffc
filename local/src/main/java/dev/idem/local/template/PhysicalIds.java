package dev.idem.local.template;

import dev.idem.testing.LocalAccount;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Physical ids predicted from the template, which the provisioner overrides with what the backends
 * report. Names: the resource's name property ({@code TableName}, {@code QueueName}, {@code Name},
 * {@code FunctionName}...) resolved, else its logical id ({@code .fifo} added for a FIFO queue).
 * ARNs: region {@code us-east-1}, account {@code 000000000000}. Queue URLs: {@code
 * <edge>/000000000000/<name>}.
 */
public final class PhysicalIds implements ResourceIds {

  private static final String ARN_PREFIX = ":" + LocalAccount.REGION + ":" + LocalAccount.ID + ":";
  private static final Map<String, String> NAME_PROPERTIES =
      Map.ofEntries(
          Map.entry("AWS::DynamoDB::Table", "TableName"),
          Map.entry("AWS::Serverless::SimpleTable", "TableName"),
          Map.entry("AWS::SQS::Queue", "QueueName"),
          Map.entry("AWS::Events::EventBus", "Name"),
          Map.entry("AWS::Events::Rule", "Name"),
          Map.entry("AWS::Serverless::Function", "FunctionName"),
          Map.entry("AWS::Lambda::Function", "FunctionName"),
          Map.entry("AWS::Lambda::Alias", "Name"),
          Map.entry(LayerReader.SERVERLESS, "LayerName"),
          Map.entry(LayerReader.LAMBDA, "LayerName"),
          Map.entry("AWS::ApiGateway::Model", "Name"),
          Map.entry("AWS::ApiGateway::Stage", "StageName"),
          Map.entry("AWS::ApiGatewayV2::Stage", "StageName"),
          Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
          Map.entry("AWS::IAM::Role", "RoleName"),
          Map.entry("AWS::SNS::Topic", "TopicName"));

  private final Template template;
  private final URI edge;
  private final Map<String, String> overrides = new ConcurrentHashMap<>();
  private final Set<String> naming = new HashSet<>();

  PhysicalIds(Template template, URI edge) {
    this.template = template;
    this.edge = edge;
  }

  /** Sets what {@code Ref} of the resource returns (e.g. a queue's real URL). */
  public void putRef(String logicalId, String value) {
    overrides.put(key(logicalId, ""), value);
  }

  /** Sets what {@code Fn::GetAtt} of the resource's attribute returns (e.g. a real stream ARN). */
  public void putAtt(String logicalId, String attribute, String value) {
    overrides.put(key(logicalId, attribute), value);
  }

  /**
   * The resource's physical name.
   *
   * @throws TemplateException when the template has no such resource or its name cannot resolve
   */
  public synchronized String name(String logicalId) {
    Resource resource = resourceOf(logicalId);
    String property = NAME_PROPERTIES.get(resource.type());
    Object declared = property == null ? null : resource.properties().get(property);
    if (declared == null) {
      return isFifoQueue(resource) ? logicalId + ".fifo" : logicalId;
    }
    if (!naming.add(logicalId)) {
      throw new TemplateException(logicalId + "." + property + " refers to itself");
    }
    try {
      return intrinsics().resolveString(declared, logicalId + "." + property);
    } finally {
      naming.remove(logicalId);
    }
  }

  @Override
  public String ref(String logicalId) {
    String known = overrides.get(key(logicalId, ""));
    if (known != null) {
      return known;
    }
    String name = name(logicalId);
    return switch (resourceOf(logicalId).type()) {
      case "AWS::SQS::Queue" -> edge + "/" + LocalAccount.ID + "/" + name;
      case "AWS::Lambda::Version" -> versionArn(logicalId);
      case "AWS::Lambda::Alias" -> aliasArn(logicalId, name);
      case LayerReader.SERVERLESS, LayerReader.LAMBDA ->
          LocalAccount.arn("lambda", "layer:" + name + ":1");
      default -> name;
    };
  }

  /** A version's ARN: its function's, with the version's number in the template (from 1). */
  private String versionArn(String logicalId) {
    return functionArn(logicalId) + ":" + versionNumber(logicalId);
  }

  private String aliasArn(String logicalId, String aliasName) {
    return functionArn(logicalId) + ":" + aliasName;
  }

  /** The ARN of the function a version or alias names in its {@code FunctionName}. */
  private String functionArn(String logicalId) {
    String function = functionName(logicalId);
    return function.startsWith("arn:")
        ? function
        : "arn:aws:lambda" + ARN_PREFIX + "function:" + function;
  }

  private String functionName(String logicalId) {
    Object declared = resourceOf(logicalId).properties().get("FunctionName");
    if (declared == null) {
      throw new TemplateException(logicalId + ".FunctionName is required");
    }
    String name = intrinsics().resolveString(declared, logicalId + ".FunctionName");
    return name.startsWith("arn:") ? name.split(":", -1)[6] : name;
  }

  /** Versions of one function are numbered in template order, as publishing them would. */
  private int versionNumber(String logicalId) {
    String function = functionName(logicalId);
    int number = 0;
    for (Resource resource : template.resources()) {
      if (resource.type().equals("AWS::Lambda::Version")
          && functionName(resource.logicalId()).equals(function)) {
        number++;
        if (resource.logicalId().equals(logicalId)) {
          return number;
        }
      }
    }
    return number;
  }

  @Override
  public String getAtt(String logicalId, String attribute) {
    String known = overrides.get(key(logicalId, attribute));
    if (known != null) {
      return known;
    }
    Resource resource = resourceOf(logicalId);
    String name = name(logicalId);
    String predicted =
        switch (resource.type() + "." + attribute) {
          case "AWS::DynamoDB::Table.Arn", "AWS::Serverless::SimpleTable.Arn" ->
              "arn:aws:dynamodb" + ARN_PREFIX + "table/" + name;
          case "AWS::DynamoDB::Table.StreamArn" ->
              "arn:aws:dynamodb" + ARN_PREFIX + "table/" + name + "/stream/local";
          case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs" + ARN_PREFIX + name;
          case "AWS::SQS::Queue.QueueName" -> name;
          case "AWS::SQS::Queue.QueueUrl" -> ref(logicalId);
          case "AWS::Events::EventBus.Arn" -> "arn:aws:events" + ARN_PREFIX + "event-bus/" + name;
          case "AWS::Events::EventBus.Name" -> name;
          case "AWS::Events::Rule.Arn" -> ruleArn(resource, name);
          case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
              "arn:aws:lambda" + ARN_PREFIX + "function:" + name;
          case "AWS::Lambda::Version.Version" -> Integer.toString(versionNumber(logicalId));
          case "AWS::Lambda::Version.FunctionArn" -> functionArn(logicalId);
          case "AWS::Lambda::Alias.AliasArn" -> aliasArn(logicalId, name);
          case "AWS::ApiGateway::RestApi.RootResourceId" -> rootResourceId(logicalId);
          case "AWS::ApiGateway::RestApi.RestApiId", "AWS::ApiGatewayV2::Api.ApiId" -> name;
          case "AWS::ApiGatewayV2::Api.ApiEndpoint" ->
              "https://" + name + ".execute-api." + LocalAccount.REGION + ".amazonaws.com";
          case "AWS::Logs::LogGroup.Arn" ->
              "arn:aws:logs" + ARN_PREFIX + "log-group:" + name + ":*";
          case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + LocalAccount.ID + ":role/" + name;
          default -> null;
        };
    if (predicted != null) {
      return predicted;
    }
    if (SpecReader.isProvisioned(resource.type())) {
      throw new TemplateException(
          "GetAtt "
              + logicalId
              + "."
              + attribute
              + ": "
              + resource.type()
              + " has no attribute "
              + attribute
              + " locally");
    }
    return attribute.equals("Arn") ? genericArn(resource.type(), name) : name + "." + attribute;
  }

  /** The id of a REST API's root resource ({@code /}), as its resources' ParentId names it. */
  static String rootResourceId(String restApiLogicalId) {
    return restApiLogicalId + "-root";
  }

  private String ruleArn(Resource rule, String name) {
    Object bus = rule.properties().get("EventBusName");
    String busName =
        bus == null
            ? "default"
            : intrinsics().resolveString(bus, rule.logicalId() + ".EventBusName");
    busName = busName.substring(busName.lastIndexOf('/') + 1);
    String path = busName.equals("default") ? name : busName + "/" + name;
    return "arn:aws:events" + ARN_PREFIX + "rule/" + path;
  }

  private static String genericArn(String type, String name) {
    String[] parts = type.split("::");
    String service = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "local";
    return "arn:aws:" + service + ARN_PREFIX + name;
  }

  private boolean isFifoQueue(Resource resource) {
    Object fifo = resource.properties().get("FifoQueue");
    return resource.type().equals("AWS::SQS::Queue")
        && fifo != null
        && "true".equals(intrinsics().resolveString(fifo, resource.logicalId() + ".FifoQueue"));
  }

  private Resource resourceOf(String logicalId) {
    return template
        .resource(logicalId)
        .orElseThrow(() -> new TemplateException("No resource " + logicalId + " in the template"));
  }

  private Intrinsics intrinsics() {
    return new Intrinsics(template, this, new NotEmulated());
  }

  private static String key(String logicalId, String attribute) {
    return logicalId + "\u0000" + attribute;
  }
}
