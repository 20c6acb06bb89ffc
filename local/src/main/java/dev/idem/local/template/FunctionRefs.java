package dev.idem.local.template;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The template's functions as other resources name them: a function name, {@code name:qualifier}, a
 * partial ARN ({@code 123456789012:function:name}) or an ARN, each with or without a qualifier
 * ({@code $LATEST}, a version number, or an alias of the function), as event source mappings,
 * aliases and API integrations do.
 */
final class FunctionRefs {

  /**
   * A function of the template.
   *
   * @param logicalId the function's logical id
   * @param qualifier the alias or version named, or null
   */
  record Target(String logicalId, String qualifier) {}

  static final String FUNCTION = "AWS::Lambda::Function";
  static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
  static final String ALIAS = "AWS::Lambda::Alias";

  private static final String INTEGRATION_PREFIX = ":lambda:path/2015-03-31/functions/";
  private static final String INTEGRATION_SUFFIX = "/invocations";

  private final Template template;
  private final ResourceIds ids;
  private Map<String, String> byName;
  private Map<String, Set<String>> aliases;

  FunctionRefs(Template template, ResourceIds ids) {
    this.template = template;
    this.ids = ids;
  }

  static boolean isFunction(String type) {
    return type.equals(FUNCTION) || type.equals(SERVERLESS_FUNCTION);
  }

  /**
   * The function {@code reference} names, if it is one of the template's.
   *
   * @throws TemplateException naming {@code where} when it names a function of the template with a
   *     qualifier that is none of its aliases or versions
   */
  Optional<Target> find(String reference, String where) {
    String[] parts = reference.split(":", -1);
    int at = reference.startsWith("arn:") ? 6 : parts.length >= 3 ? 2 : 0;
    if (parts.length <= at || parts.length > at + 2 || (at == 2 && !parts[1].equals("function"))) {
      return Optional.empty();
    }
    String logicalId = names().get(parts[at]);
    if (logicalId == null) {
      return Optional.empty();
    }
    String qualifier = parts.length == at + 2 ? parts[at + 1] : null;
    if (qualifier != null && !isQualifierOf(logicalId, qualifier)) {
      throw new TemplateException(
          where
              + ": "
              + reference
              + " names "
              + qualifier
              + ", which is no alias or version of "
              + logicalId
              + " (aliases: "
              + aliases().getOrDefault(logicalId, Set.of())
              + ")");
    }
    return Optional.of(new Target(logicalId, qualifier));
  }

  /**
   * The function ARN inside an API Gateway Lambda integration URI ({@code
   * arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations}), or
   * the URI itself when it is not of that form (HTTP APIs also take a function ARN).
   */
  static String fromIntegrationUri(String uri) {
    int start = uri.indexOf(INTEGRATION_PREFIX);
    if (start < 0 || !uri.endsWith(INTEGRATION_SUFFIX)) {
      return uri;
    }
    return uri.substring(
        start + INTEGRATION_PREFIX.length(), uri.length() - INTEGRATION_SUFFIX.length());
  }

  private Intrinsics intrinsics() {
    return new Intrinsics(template, ids, new NotEmulated());
  }

  private boolean isQualifierOf(String logicalId, String qualifier) {
    return qualifier.equals("$LATEST")
        || qualifier.chars().allMatch(Character::isDigit)
        || aliases().getOrDefault(logicalId, Set.of()).contains(qualifier);
  }

  private synchronized Map<String, String> names() {
    if (byName == null) {
      byName = new HashMap<>();
      for (Resource resource : template.resources()) {
        if (isFunction(resource.type())) {
          byName.put(ids.ref(resource.logicalId()), resource.logicalId());
        }
      }
    }
    return byName;
  }

  /** Every function's alias names: its AWS::Lambda::Alias resources and SAM AutoPublishAlias. */
  private synchronized Map<String, Set<String>> aliases() {
    if (aliases == null) {
      aliases = new HashMap<>();
      for (Resource resource : template.resources()) {
        if (resource.type().equals(ALIAS)) {
          namedBy(resource).ifPresent(target -> add(target, ids.ref(resource.logicalId())));
        } else if (resource.type().equals(SERVERLESS_FUNCTION)
            && resource.properties().get("AutoPublishAlias") != null) {
          String name =
              intrinsics()
                  .resolveString(
                      resource.properties().get("AutoPublishAlias"),
                      resource.logicalId() + ".AutoPublishAlias");
          aliases.computeIfAbsent(resource.logicalId(), k -> new LinkedHashSet<>()).add(name);
        }
      }
    }
    return aliases;
  }

  private void add(String logicalId, String aliasArn) {
    aliases
        .computeIfAbsent(logicalId, k -> new LinkedHashSet<>())
        .add(aliasArn.substring(aliasArn.lastIndexOf(':') + 1));
  }

  /**
   * The function a version, alias or permission names in its FunctionName, if the template has it.
   */
  Optional<String> namedBy(Resource alias) {
    Object declared = alias.properties().get("FunctionName");
    if (declared == null) {
      return Optional.empty();
    }
    String name = intrinsics().resolveString(declared, alias.logicalId() + ".FunctionName");
    String[] parts = name.split(":", -1);
    String function = name.startsWith("arn:") ? parts[6] : parts.length >= 3 ? parts[2] : parts[0];
    return Optional.ofNullable(names().get(function));
  }
}
