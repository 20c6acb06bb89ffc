package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML (or JSON) into plain maps, lists, strings, numbers and booleans, with
 * every short-form tag ({@code !Ref}, {@code !Sub}, {@code !GetAtt}...) turned into its long form
 * ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), so the resolver sees one shape only.
 */
final class CfnYaml {

  private static final Map<String, String> TAGS =
      Map.ofEntries(
          Map.entry("!Ref", "Ref"),
          Map.entry("!Condition", "Condition"),
          Map.entry("!Sub", "Fn::Sub"),
          Map.entry("!GetAtt", "Fn::GetAtt"),
          Map.entry("!If", "Fn::If"),
          Map.entry("!Join", "Fn::Join"),
          Map.entry("!Select", "Fn::Select"),
          Map.entry("!Split", "Fn::Split"),
          Map.entry("!FindInMap", "Fn::FindInMap"),
          Map.entry("!Equals", "Fn::Equals"),
          Map.entry("!Not", "Fn::Not"),
          Map.entry("!And", "Fn::And"),
          Map.entry("!Or", "Fn::Or"),
          Map.entry("!Base64", "Fn::Base64"),
          Map.entry("!ImportValue", "Fn::ImportValue"),
          Map.entry("!GetAZs", "Fn::GetAZs"),
          Map.entry("!Cidr", "Fn::Cidr"),
          Map.entry("!Transform", "Fn::Transform"),
          Map.entry("!ToJsonString", "Fn::ToJsonString"),
          Map.entry("!Length", "Fn::Length"));

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private CfnYaml() {}

  /**
   * Parses one document: JSON (what CDK synthesizes; any text starting with <code>{</code>) with
   * Jackson, anything else as YAML.
   *
   * @throws TemplateException when the text is not valid JSON or YAML, or not a mapping at its top
   */
  static Map<String, Object> parse(String text, String source) {
    return text.stripLeading().startsWith("{") ? parseJson(text, source) : parseYaml(text, source);
  }

  private static Map<String, Object> parseJson(String text, String source) {
    try {
      return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new TemplateException(
          source + " is not valid JSON: " + e.getOriginalMessage() + line, e);
    }
  }

  private static Map<String, Object> parseYaml(String text, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(64 * 1024 * 1024);
    Object document;
    try {
      document = new Yaml(new Constructor(options)).load(text);
    } catch (YAMLException e) {
      throw new TemplateException(source + " is not valid YAML: " + e.getMessage(), e);
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw new TemplateException(source + " is not a template: its top level is not a mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) map;
    return typed;
  }

  private static final class Constructor extends SafeConstructor {

    Constructor(LoaderOptions options) {
      super(options);
      // CloudFormation reads unquoted dates (AWSTemplateFormatVersion: 2010-09-09) as strings.
      yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
      TAGS.forEach((tag, function) -> yamlConstructors.put(new Tag(tag), new Intrinsic(function)));
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String function;

      Intrinsic(String function) {
        this.function = function;
      }

      @Override
      public Object construct(Node node) {
        Object argument =
            switch (node) {
              case ScalarNode scalar -> scalarArgument(scalar);
              case SequenceNode sequence -> constructSequence(sequence);
              case MappingNode mapping -> constructMapping(mapping);
              default -> throw new YAMLException("Unexpected node for " + function);
            };
        return Map.of(function, argument);
      }

      private Object scalarArgument(ScalarNode scalar) {
        String value = constructScalar(scalar);
        if (function.equals("Fn::GetAtt")) {
          int dot = value.indexOf('.');
          if (dot < 0) {
            throw new YAMLException("!GetAtt " + value + " is not of the form Resource.Attribute");
          }
          return List.of(value.substring(0, dot), value.substring(dot + 1));
        }
        return value;
      }
    }
  }
}
