package dev.idem.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code AWS::Lambda::Function} (its code from a CDK asset, {@code aws:asset:path} in the
 * cloud assembly, or a local path), {@code AWS::Lambda::Version} and {@code AWS::Lambda::Alias}. A
 * version or alias is no function of its own: every version runs the function's one code locally,
 * and invoking an alias reaches its function; their provisioned concurrency starts instances of the
 * function.
 */
final class LambdaReader {

  static final String FUNCTION = FunctionRefs.FUNCTION;
  static final String VERSION = "AWS::Lambda::Version";
  static final String ALIAS = FunctionRefs.ALIAS;

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;
  private final FunctionRefs refs;

  LambdaReader(Template template, ResourceIds ids, NotEmulated notes, FunctionRefs refs) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
    this.refs = refs;
  }

  /**
   * The function's spec, or null (and reported) when it cannot run locally (not Java, a container
   * image, inline code).
   *
   * @throws TemplateException when its Java runtime is not supported or its code is missing
   */
  FunctionSpec function(Resource resource, Props props, Attachments attached) {
    String id = resource.logicalId();
    String runtime = props.string("Runtime");
    if (runtime == null) {
      notes.resource(id, resource.type() + " (no Runtime: a container image)");
      return null;
    }
    if (!JavaRuntimes.runs(runtime, id + ".Runtime")) {
      notes.resource(id, resource.type() + " (runtime '" + runtime + "': only Java runs)");
      return null;
    }
    Path code = code(resource, props);
    if (code == null) {
      notes.resource(id, resource.type() + " (inline or image code: only Java jars run)");
      return null;
    }
    props.ignore("FunctionName", "Description", "Role", "PackageType");
    Props environment = props.child("Environment");
    Props variables = environment == null ? null : environment.child("Variables");
    FunctionSpec spec =
        new FunctionSpec(
            id,
            ids.ref(id),
            props.required("Handler"),
            code,
            runtime,
            props.integer("MemorySize", 128),
            Duration.ofSeconds(props.integer("Timeout", 3)),
            variables == null ? Map.of() : variables.stringMap(),
            props.integer("ReservedConcurrentExecutions"),
            attached.events(id),
            attached.aliases(id),
            new LayerReader(template, ids, notes).layers(props),
            attached.invokeConfig(id, new AsyncReader(notes).cloudFormation(props)));
    if (environment != null) {
      environment.reportUnread(notes);
    }
    props.reportUnread(notes);
    return spec;
  }

  /** Attaches the alias, with its provisioned concurrency, to its function. */
  void alias(Resource resource, Props props, Attachments attached) {
    props.ignore("FunctionName", "FunctionVersion", "Description");
    String name = props.required("Name");
    int provisioned = provisioned(props);
    if (props.has("RoutingConfig")) {
      notes.property(
          props.where() + ".RoutingConfig", "RoutingConfig (every version runs the same code)");
    }
    props.reportUnread(notes);
    refs.namedBy(resource)
        .ifPresentOrElse(
            function -> attached.alias(function, new FunctionAlias(name, provisioned)),
            () -> notes.resource(resource.logicalId(), resource.type() + " (of another stack)"));
  }

  /** Attaches a version's provisioned concurrency to its function. */
  void version(Resource resource, Props props, Attachments attached) {
    props.ignore("FunctionName", "Description", "CodeSha256");
    int provisioned = provisioned(props);
    props.reportUnread(notes);
    String number = ids.getAtt(resource.logicalId(), "Version");
    refs.namedBy(resource)
        .ifPresentOrElse(
            function -> {
              if (provisioned > 0) {
                attached.alias(function, new FunctionAlias(number, provisioned));
              }
            },
            () -> notes.resource(resource.logicalId(), resource.type() + " (of another stack)"));
  }

  private int provisioned(Props props) {
    Props config = props.child("ProvisionedConcurrencyConfig");
    if (config == null) {
      return 0;
    }
    int instances = config.integer("ProvisionedConcurrentExecutions", 0);
    config.reportUnread(notes);
    return instances;
  }

  /**
   * The function's code: the CDK asset its {@code Code} was synthesized from, or a local path
   * ({@code Code: target/app.jar}, as {@code aws cloudformation package} takes it); null for inline
   * or image code.
   *
   * @throws TemplateException naming the property when the asset or path is missing, or the code is
   *     only in S3
   */
  private Path code(Resource resource, Props props) {
    Object code = props.value("Code");
    String where = resource.logicalId() + ".Code";
    Optional<Path> built = LayerReader.builtCode(template, resource.logicalId());
    if (built.isPresent()
        && (code instanceof String || code instanceof Map<?, ?> m && m.containsKey("S3Key"))) {
      return built.get();
    }
    if (code instanceof String path) {
      return existing(path, where);
    }
    if (!(code instanceof Map<?, ?> map)
        || map.containsKey("ZipFile")
        || map.containsKey("ImageUri")) {
      return null;
    }
    String asset = resource.assetPath().orElse(null);
    if (asset == null) {
      throw new TemplateException(
          where
              + ": S3 code ("
              + map.get("S3Bucket")
              + "/"
              + map.get("S3Key")
              + ") has no local asset (Metadata aws:asset:path) or path to run");
    }
    return existing(asset, resource.logicalId() + ".Metadata." + Resource.ASSET_PATH);
  }

  private Path existing(String path, String where) {
    Path base = template.baseDir() == null ? Path.of("") : template.baseDir();
    Path resolved = base.resolve(path).toAbsolutePath().normalize();
    if (!Files.exists(resolved)) {
      throw new TemplateException(
          where + ": no code at " + resolved + " (build or synthesize the app again)");
    }
    return resolved;
  }
}
