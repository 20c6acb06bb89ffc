package dev.idem.infra.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation templates, YAML or JSON, into plain maps and lists. The short-form
 * intrinsics ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) become their long form ({@code
 * {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}}), as in a JSON template.
 */
public final class CfnYaml {

  private static final List<String> FUNCTIONS =
      List.of(
          "Base64",
          "Cidr",
          "Equals",
          "FindInMap",
          "GetAZs",
          "If",
          "ImportValue",
          "Join",
          "Not",
          "And",
          "Or",
          "Select",
          "Split",
          "Sub",
          "Transform",
          "Length",
          "ToJsonString");

  private CfnYaml() {}

  /** The template in {@code file}. */
  public static Map<String, Object> read(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml(new IntrinsicConstructor()).load(reader);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }

  /** The template (or any YAML or JSON value) in {@code text}. */
  public static Object parse(String text) {
    return new Yaml(new IntrinsicConstructor()).load(text);
  }

  private static final class IntrinsicConstructor extends SafeConstructor {

    IntrinsicConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
      }
    }

    private Object value(Node node) {
      return switch (node) {
        case ScalarNode scalar -> constructScalar(scalar);
        case SequenceNode sequence -> constructSequence(sequence);
        case MappingNode mapping -> constructMapping(mapping);
        default -> throw new IllegalArgumentException("Unexpected YAML node " + node);
      };
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        return Map.of(key, value(node));
      }
    }

    private final class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        Object value = value(node);
        if (value instanceof String dotted) {
          int dot = dotted.indexOf('.');
          value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        return Map.of("Fn::GetAtt", value);
      }
    }
  }
}
