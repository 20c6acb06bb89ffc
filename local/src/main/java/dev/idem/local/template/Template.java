package dev.idem.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CloudFormation/SAM template, read and ready to resolve: parameters take their overrides or
 * defaults, conditions are evaluated, resources whose condition is false are left out, and the
 * {@code Globals} section is merged into serverless resources.
 *
 * {@snippet :
 * Template template = Template.load(Path.of("template.yaml"), Map.of("StageName", "test"));
 * StackSpec stack = template.specs(); // names, ARNs and queue URLs predicted
 * System.out.println(stack.notEmulated().summary());
 * }
 */
public final class Template {

  /** The edge URL that predicted queue URLs name when no other is given. */
  public static final URI DEFAULT_EDGE = URI.create("http://127.0.0.1:4566");

  private static final ResourceIds NO_RESOURCES =
      new ResourceIds() {
        @Override
        public String ref(String logicalId) {
          throw new TemplateException("Conditions cannot refer to resources: " + logicalId);
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
          return ref(logicalId);
        }
      };

  private final String source;
  private final Path baseDir;
  private final StackContext context;
  private final Map<String, Object> document;
  private final Map<String, Object> parameters;
  private final Map<String, Boolean> conditions = new HashMap<>();
  private final Set<String> evaluating = new HashSet<>();
  private final Map<String, Resource> resources;
  private final NotEmulated loadNotes = new NotEmulated();

  private Template(
      String source,
      Path baseDir,
      Map<String, Object> document,
      Map<String, String> overrides,
      StackContext context) {
    this.source = source;
    this.baseDir = baseDir;
    this.context = context;
    this.document = document;
    this.parameters = Parameters.resolve(section("Parameters"), overrides, loadNotes);
    this.resources = readResources();
    Rules.check(section("Rules"), new Intrinsics(this, NO_RESOURCES, loadNotes), loadNotes);
  }

  /**
   * Reads the template at {@code file}; relative {@code CodeUri}s resolve against its folder.
   *
   * @param parameterOverrides values for parameters, over their defaults ({@code --parameter N=V})
   * @throws TemplateException when the file is not a template, a parameter has no value or a value
   *     is not allowed, a condition cannot be evaluated, or a rule's assertion fails
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Template load(Path file, Map<String, String> parameterOverrides) {
    return load(file, parameterOverrides, StackContext.NONE);
  }

  /**
   * Reads the template at {@code file} as one stack of a cloud assembly: relative paths (CodeUri,
   * CDK assets) resolve against its folder.
   *
   * @param parameterOverrides values for parameters, over their defaults ({@code --parameter N=V})
   * @param context the stack's name and the exports of the stacks beside it
   * @throws TemplateException as {@link #load(Path, Map)}
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Template load(
      Path file, Map<String, String> parameterOverrides, StackContext context) {
    Path absolute = file.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(absolute);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read template " + file, e);
    }
    return parse(text, absolute.getParent(), parameterOverrides, context);
  }

  /**
   * Reads a template from text; relative {@code CodeUri}s resolve against {@code baseDir}.
   *
   * @throws TemplateException as {@link #load(Path, Map)}
   */
  public static Template parse(String yaml, Path baseDir, Map<String, String> parameterOverrides) {
    return parse(yaml, baseDir, parameterOverrides, StackContext.NONE);
  }

  /**
   * Reads a template from text (YAML or JSON) as one stack of a cloud assembly.
   *
   * @throws TemplateException as {@link #load(Path, Map)}
   */
  public static Template parse(
      String text, Path baseDir, Map<String, String> parameterOverrides, StackContext context) {
    String source = baseDir == null ? "template" : "template in " + baseDir;
    return new Template(source, baseDir, CfnYaml.parse(text, source), parameterOverrides, context);
  }

  /** The folder relative paths resolve against. */
  public Path baseDir() {
    return baseDir;
  }

  /** The stack's name and the exports of the stacks beside it. */
  public StackContext context() {
    return context;
  }

  /** The parameters' values: a string, or a list of strings for list types. */
  public Map<String, Object> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /** The resources whose condition holds, in template order, with Globals merged. */
  public List<Resource> resources() {
    return List.copyOf(resources.values());
  }

  /** The resource with this logical id, if the template has it (and its condition holds). */
  public Optional<Resource> resource(String logicalId) {
    return Optional.ofNullable(resources.get(logicalId));
  }

  /**
   * The typed specs with predicted physical ids (queue URLs on {@link #DEFAULT_EDGE}).
   *
   * @throws TemplateException when a value cannot be resolved or has the wrong shape
   */
  public StackSpec specs() {
    return specs(physicalIds(DEFAULT_EDGE));
  }

  /**
   * The typed specs, resolved with the given physical ids.
   *
   * @throws TemplateException when a value cannot be resolved or has the wrong shape
   */
  public StackSpec specs(ResourceIds ids) {
    NotEmulated notEmulated = new NotEmulated();
    loadNotes.resources().forEach(i -> notEmulated.resource(i.where(), i.what()));
    loadNotes.properties().forEach(i -> notEmulated.property(i.where(), i.what()));
    return new SpecReader(this, ids, notEmulated).read();
  }

  /**
   * The spec of one resource of {@link #provisioningOrder()}, resolved with the given ids. The
   * provisioner calls it in that order, with the ids of what it has created so far.
   *
   * @throws TemplateException when the template has no such resource, or not one the provisioner
   *     creates, or a value cannot be resolved
   */
  public ProvisionedSpec provisionedSpec(String logicalId, ResourceIds ids) {
    Resource resource = resources.get(logicalId);
    if (resource == null) {
      throw new TemplateException("No resource " + logicalId + " in the " + source);
    }
    return new SpecReader(this, ids, new NotEmulated())
        .spec(resource)
        .filter(ProvisionedSpec.class::isInstance)
        .map(ProvisionedSpec.class::cast)
        .orElseThrow(() ->
            new TemplateException(
                logicalId + " (" + resource.type() + ") is not created by the provisioner"));
  }

  /** Physical ids predicted from this template; queue URLs name {@code edge}. */
  public PhysicalIds physicalIds(URI edge) {
    return new PhysicalIds(this, edge);
  }

  /**
   * The tables, queues, event buses and rules in an order that creates each after what it refers to
   * (Ref, GetAtt, Sub, DependsOn), template order otherwise.
   *
   * @throws TemplateException when they refer to each other in a cycle
   */
  public List<String> provisioningOrder() {
    return provisioningLevels().stream().flatMap(List::stream).toList();
  }

  /**
   * {@link #provisioningOrder()} in levels: each resource's level comes after every level holding
   * something it refers to, so the resources of one level may be created at the same time.
   *
   * @throws TemplateException when they refer to each other in a cycle
   */
  public List<List<String>> provisioningLevels() {
    Map<String, Set<String>> pending = new LinkedHashMap<>();
    for (Resource resource : resources.values()) {
      if (SpecReader.isProvisioned(resource.type())) {
        pending.put(resource.logicalId(), dependencies(resource));
      }
    }
    pending.values().forEach(deps -> deps.retainAll(pending.keySet()));
    List<List<String>> levels = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (!pending.isEmpty()) {
      List<String> level =
          pending.entrySet().stream()
              .filter(e -> done.containsAll(e.getValue()))
              .map(Map.Entry::getKey)
              .toList();
      if (level.isEmpty()) {
        throw new TemplateException(
            "Resources refer to each other in a cycle: " + pending.keySet());
      }
      levels.add(level);
      done.addAll(level);
      level.forEach(pending::remove);
    }
    return levels;
  }

  /** The logical ids of the resources {@code resource} refers to or depends on. */
  Set<String> dependencies(Resource resource) {
    Set<String> found = new LinkedHashSet<>(resource.dependsOn());
    References.collect(resource.properties(), found);
    found.retainAll(resources.keySet());
    found.remove(resource.logicalId());
    return found;
  }

  /**
   * Whether {@code name} is a resource SAM's transform would generate: the implicit APIs, or one
   * named after a serverless resource ({@code <Function>Role}, {@code <Function>Aliaslive}...).
   */
  boolean isSamGenerated(String name) {
    if (name.startsWith("ServerlessRestApi") || name.startsWith("ServerlessHttpApi")) {
      return true;
    }
    return resources.values().stream()
        .anyMatch(r ->
            r.type().startsWith("AWS::Serverless::")
                && name.length() > r.logicalId().length()
                && name.startsWith(r.logicalId()));
  }

  boolean hasResource(String logicalId) {
    return resources.containsKey(logicalId);
  }

  synchronized boolean condition(String name, String where) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    Map<String, Object> all = section("Conditions");
    if (!all.containsKey(name)) {
      throw new TemplateException(where + ": no condition " + name);
    }
    if (!evaluating.add(name)) {
      throw new TemplateException("Condition " + name + " refers to itself");
    }
    boolean value =
        new Intrinsics(this, NO_RESOURCES, loadNotes)
            .condition(all.get(name), "Conditions." + name);
    evaluating.remove(name);
    conditions.put(name, value);
    return value;
  }

  Object mapping(String map, String top, String second) {
    Object level = section("Mappings").get(map);
    if (level instanceof Map<?, ?> tops && tops.get(top) instanceof Map<?, ?> seconds) {
      return seconds.get(second);
    }
    return null;
  }

  Map<String, Object> outputs() {
    return section("Outputs");
  }

  /**
   * The values this stack exports ({@code Outputs.<name>.Export.Name}), resolved with predicted
   * physical ids; an export whose name or value cannot be resolved is left out.
   */
  Map<String, String> exports() {
    Intrinsics intrinsics = new Intrinsics(this, physicalIds(DEFAULT_EDGE), new NotEmulated());
    Map<String, String> exports = new LinkedHashMap<>();
    outputs()
        .forEach((name, body) -> {
          if (body instanceof Map<?, ?> output
              && output.get("Export") instanceof Map<?, ?> export) {
            try {
              exports.put(
                  intrinsics.resolveString(export.get("Name"), "Outputs." + name + ".Export"),
                  intrinsics.resolveString(output.get("Value"), "Outputs." + name));
            } catch (TemplateException e) {
              // Not resolvable here: an import of it stays unresolved, and is reported.
            }
          }
        });
    return exports;
  }

  Object transform() {
    return document.get("Transform");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> section(String name) {
    Object value = document.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new TemplateException(name + " of the " + source + " is not a mapping");
    }
    return (Map<String, Object>) value;
  }

  private Map<String, Resource> readResources() {
    Map<String, Object> raw = section("Resources");
    if (raw.isEmpty()) {
      throw new TemplateException("The " + source + " declares no Resources");
    }
    Map<String, Resource> read = new LinkedHashMap<>();
    raw.forEach((logicalId, body) -> {
      Resource resource = Globals.apply(section("Globals"), resourceOf(logicalId, body));
      if (holds(logicalId, body)) {
        read.put(logicalId, resource);
      }
    });
    return read;
  }

  private boolean holds(String logicalId, Object body) {
    Object condition = ((Map<?, ?>) body).get("Condition");
    return condition == null || condition(String.valueOf(condition), logicalId + ".Condition");
  }

  @SuppressWarnings("unchecked")
  private static Resource resourceOf(String logicalId, Object body) {
    if (!(body instanceof Map<?, ?> map) || !(map.get("Type") instanceof String type)) {
      throw new TemplateException("Resource " + logicalId + " has no Type");
    }
    Object properties = map.get("Properties");
    Object dependsOn = map.get("DependsOn");
    List<String> depends =
        dependsOn == null
            ? List.of()
            : dependsOn instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(dependsOn));
    return new Resource(
        logicalId,
        type,
        properties instanceof Map<?, ?> props ? (Map<String, Object>) props : Map.of(),
        depends,
        map.get("Metadata") instanceof Map<?, ?> metadata
            ? (Map<String, Object>) metadata
            : Map.of());
  }
}
