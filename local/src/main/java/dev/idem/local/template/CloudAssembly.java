package dev.idem.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CDK cloud assembly, as {@code cdk synth} writes it ({@code cdk.out}): {@code manifest.json},
 * one {@code <stack>.template.json} per stack, and the assets the templates' {@code aws:asset:path}
 * metadata names (a function's jar, copied in). Nested assemblies (CDK stages) are read too.
 *
 * {@snippet :
 * CloudAssembly assembly = CloudAssembly.read(Path.of("cdk.out"));
 * CloudAssembly.Stack stack = assembly.stack("idem-orders-dev");
 * Template template = assembly.template(stack, Map.of());
 * }
 */
public final class CloudAssembly {

  /**
   * One stack of the assembly.
   *
   * @param id its artifact id
   * @param name its stack name ({@code AWS::StackName})
   * @param displayName its construct path ({@code Stage/Stack} inside a stage)
   * @param templateFile its template, absolute
   */
  public record Stack(String id, String name, String displayName, Path templateFile) {}

  /** The name of the manifest in an assembly's folder. */
  public static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STACK_TYPE = "aws:cloudformation:stack";
  private static final String NESTED_TYPE = "cdk:cloud-assembly";

  private final Path dir;
  private final List<Stack> stacks;

  private CloudAssembly(Path dir, List<Stack> stacks) {
    this.dir = dir;
    this.stacks = List.copyOf(stacks);
  }

  /** Whether {@code dir} holds a cloud assembly (a {@value #MANIFEST}). */
  public static boolean isAssembly(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  /**
   * Reads the assembly in {@code dir}.
   *
   * @throws TemplateException when there is no manifest, it does not parse, or it holds no stack
   */
  public static CloudAssembly read(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    List<Stack> stacks = new ArrayList<>();
    readStacks(absolute, stacks);
    if (stacks.isEmpty()) {
      throw new TemplateException("The cloud assembly in " + absolute + " holds no stack");
    }
    return new CloudAssembly(absolute, stacks);
  }

  /**
   * The context of a template file: its stack's name and the other stacks' exports when the file is
   * a stack of the cloud assembly in its folder, else {@link StackContext#NONE}.
   *
   * @throws TemplateException when the folder's manifest cannot be read
   */
  public static StackContext contextOf(Path templateFile) {
    Path file = templateFile.toAbsolutePath().normalize();
    Path folder = file.getParent();
    if (folder == null || !isAssembly(folder)) {
      return StackContext.NONE;
    }
    CloudAssembly assembly = read(folder);
    return assembly.stackOf(file).map(assembly::context).orElse(StackContext.NONE);
  }

  /** The assembly's folder. */
  public Path dir() {
    return dir;
  }

  /** Its stacks, in manifest order (nested assemblies' after their parent's). */
  public List<Stack> stacks() {
    return stacks;
  }

  /**
   * The stack named {@code name} (its stack name, artifact id or display name).
   *
   * @throws TemplateException listing the stacks when none has that name
   */
  public Stack stack(String name) {
    return stacks.stream()
        .filter(s -> s.name().equals(name) || s.id().equals(name) || s.displayName().equals(name))
        .findFirst()
        .orElseThrow(() ->
            new TemplateException(
                "No stack " + name + " in the cloud assembly " + dir + "; its stacks: " + names()));
  }

  /**
   * Its one stack.
   *
   * @throws TemplateException listing the stacks when there are several
   */
  public Stack onlyStack() {
    if (stacks.size() > 1) {
      throw new TemplateException(
          "The cloud assembly "
              + dir
              + " holds "
              + stacks.size()
              + " stacks; pick one with --stack NAME: "
              + names());
    }
    return stacks.get(0);
  }

  /** The stack of this template file, if it is one of the assembly's. */
  public Optional<Stack> stackOf(Path templateFile) {
    Path file = templateFile.toAbsolutePath().normalize();
    return stacks.stream().filter(s -> s.templateFile().equals(file)).findFirst();
  }

  /** The stacks' names, comma-separated. */
  public String names() {
    return String.join(", ", stacks.stream().map(Stack::name).toList());
  }

  /** The stack's name and the exports of the assembly's other stacks. */
  public StackContext context(Stack stack) {
    Map<String, String> exports = new HashMap<>();
    for (Stack other : stacks) {
      if (!other.equals(stack)) {
        StackContext own = new StackContext(other.name(), Map.of());
        exports.putAll(Template.load(other.templateFile(), Map.of(), own).exports());
      }
    }
    return new StackContext(stack.name(), exports);
  }

  /**
   * The stack's template, read with the assembly's context.
   *
   * @throws TemplateException as {@link Template#load(Path, Map)}
   */
  public Template template(Stack stack, Map<String, String> parameterOverrides) {
    return Template.load(stack.templateFile(), parameterOverrides, context(stack));
  }

  private static void readStacks(Path dir, List<Stack> into) {
    JsonNode manifest = manifest(dir);
    manifest
        .path("artifacts")
        .properties()
        .forEach(artifact -> {
          JsonNode body = artifact.getValue();
          String type = body.path("type").asText();
          if (type.equals(STACK_TYPE)) {
            into.add(stack(dir, artifact.getKey(), body));
          } else if (type.equals(NESTED_TYPE)) {
            String nested = body.path("properties").path("directoryName").asText(null);
            if (nested != null) {
              readStacks(dir.resolve(nested), into);
            }
          }
        });
  }

  private static Stack stack(Path dir, String id, JsonNode body) {
    JsonNode properties = body.path("properties");
    String templateFile = properties.path("templateFile").asText(null);
    if (templateFile == null) {
      throw new TemplateException(dir.resolve(MANIFEST) + ": stack " + id + " has no templateFile");
    }
    return new Stack(
        id,
        properties.path("stackName").asText(id),
        body.path("displayName").asText(id),
        dir.resolve(templateFile).normalize());
  }

  private static JsonNode manifest(Path dir) {
    Path file = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new TemplateException(
          "No cloud assembly in " + dir + ": no " + MANIFEST + " (run cdk synth first)");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new TemplateException(file + " is not a cloud assembly manifest: " + e.getMessage(), e);
    }
  }
}
