package dev.idem.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a function's {@code Layers}: each a {@code Ref} (its version ARN) of an {@code
 * AWS::Serverless::LayerVersion} ({@code ContentUri}) or {@code AWS::Lambda::LayerVersion} ({@code
 * Content}: a local path, or a CDK asset) of the template. A layer ARN from elsewhere has no local
 * content and is named not emulated. Where the template sits beside {@code sam build}'s output,
 * {@code .aws-sam/build/<LogicalId>} is the code, as {@code sam local} takes it.
 */
final class LayerReader {

  static final String SERVERLESS = "AWS::Serverless::LayerVersion";
  static final String LAMBDA = "AWS::Lambda::LayerVersion";

  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;

  LayerReader(Template template, ResourceIds ids, NotEmulated notes) {
    this.template = template;
    this.ids = ids;
    this.notes = notes;
  }

  /**
   * The layers the function lists, in its order.
   *
   * @throws TemplateException when a layer's content is only in S3
   */
  List<FunctionLayer> layers(Props props) {
    List<FunctionLayer> layers = new ArrayList<>();
    for (String arn : props.strings("Layers")) {
      Optional<Resource> layer =
          template.resources().stream()
              .filter(r -> r.type().equals(SERVERLESS) || r.type().equals(LAMBDA))
              .filter(r -> ids.ref(r.logicalId()).equals(arn))
              .findFirst();
      if (layer.isPresent()) {
        layers.add(new FunctionLayer(layer.get().logicalId(), content(layer.get())));
      } else {
        notes.property(
            props.where() + ".Layers",
            "layer " + arn + " (not in this template: no local content)");
      }
    }
    return layers;
  }

  private Path content(Resource layer) {
    String property = layer.type().equals(SERVERLESS) ? "ContentUri" : "Content";
    Object content = layer.properties().get(property);
    Optional<Path> built = builtCode(template, layer.logicalId());
    if (built.isPresent()) {
      return built.get();
    }
    if (content instanceof String path) {
      return resolve(template, path);
    }
    return layer
        .assetPath()
        .map(asset -> resolve(template, asset))
        .orElseThrow(() ->
            new TemplateException(
                layer.logicalId()
                    + "."
                    + property
                    + ": S3 content has no local asset (Metadata aws:asset:path) or path"));
  }

  /**
   * {@code sam build}'s output for the resource, when the template sits beside {@code
   * .aws-sam/build} (the built template itself names its built folders).
   */
  static Optional<Path> builtCode(Template template, String logicalId) {
    if (template.baseDir() == null) {
      return Optional.empty();
    }
    Path built = template.baseDir().resolve(".aws-sam").resolve("build").resolve(logicalId);
    return Files.isDirectory(built)
        ? Optional.of(built.toAbsolutePath().normalize())
        : Optional.empty();
  }

  static Path resolve(Template template, String path) {
    Path base = template.baseDir() == null ? Path.of("") : template.baseDir();
    return base.resolve(path).toAbsolutePath().normalize();
  }
}
