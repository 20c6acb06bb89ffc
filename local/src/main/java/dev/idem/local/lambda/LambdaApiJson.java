package dev.idem.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.http.Response;
import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** The Lambda API's JSON documents for the functions the local cloud knows. */
final class LambdaApiJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private LambdaApiJson() {}

  static Response listFunctions(Collection<FunctionDefinition> functions) {
    ObjectNode list = JSON.createObjectNode();
    ArrayNode array = list.putArray("Functions");
    functions.forEach(function -> array.add(configurationNode(function)));
    return Response.json(200, list.toString());
  }

  static Response getFunction(FunctionDefinition function) {
    ObjectNode document = JSON.createObjectNode();
    document.set("Configuration", configurationNode(function));
    ObjectNode code = document.putObject("Code");
    code.put("RepositoryType", "S3");
    code.put("Location", function.code().location().toUri().toString());
    document.putObject("Tags");
    return Response.json(200, document.toString());
  }

  static Response configuration(FunctionDefinition function) {
    return Response.json(200, configurationNode(function).toString());
  }

  static String error(String message) {
    return JSON.createObjectNode().put("Type", "User").put("message", message).toString();
  }

  private static ObjectNode configurationNode(FunctionDefinition function) {
    ObjectNode node = JSON.createObjectNode();
    node.put("FunctionName", function.name());
    node.put("FunctionArn", function.arn());
    node.put("Runtime", function.runtime());
    node.put("Role", "arn:aws:iam::" + LocalAccount.ID + ":role/idem-local");
    node.put("Handler", function.handler());
    node.put("CodeSize", codeSize(function));
    node.put("Description", "");
    node.put("Timeout", (int) Math.ceil(function.timeout().toMillis() / 1000.0));
    node.put("MemorySize", function.memoryMb());
    node.put("LastModified", LAST_MODIFIED.format(lastModified(function)));
    node.put("Version", "$LATEST");
    ObjectNode variables = node.putObject("Environment").putObject("Variables");
    function.environment().forEach(variables::put);
    node.putObject("TracingConfig").put("Mode", "PassThrough");
    node.put("PackageType", "Zip");
    node.putArray("Architectures").add("x86_64");
    node.putObject("EphemeralStorage").put("Size", 512);
    node.put("State", "Active");
    node.put("LastUpdateStatus", "Successful");
    return node;
  }

  private static long codeSize(FunctionDefinition function) {
    try {
      Path location = function.code().location();
      return Files.isRegularFile(location) ? Files.size(location) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static Instant lastModified(FunctionDefinition function) {
    try {
      return Files.getLastModifiedTime(function.code().location()).toInstant();
    } catch (IOException e) {
      return FileTime.fromMillis(0).toInstant();
    }
  }
}
