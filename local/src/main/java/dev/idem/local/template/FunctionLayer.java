package dev.idem.local.template;

import java.nio.file.Path;

/**
 * A layer of the template that a function lists in its {@code Layers}.
 *
 * @param logicalId the layer's logical id
 * @param content its content, absolute: {@code ContentUri} or {@code Content} (a folder, a zip or a
 *     Maven module), or its {@code .aws-sam/build} output
 */
public record FunctionLayer(String logicalId, Path content) {}
