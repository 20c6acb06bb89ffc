package dev.idem.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.HttpService;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import dev.idem.local.sources.stream.ShardPosition;
import dev.idem.local.sources.stream.StreamEventSource;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.TableSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * One table's JSON: {@code GET /_idem/api/tables/<name>[?limit=N&next=token]} answers its key
 * schema, indexes, stream (with each stream mapping's position per shard) and its first items (a
 * Scan; {@code next} is the opaque token of the page after); {@code GET
 * /_idem/api/tables/<name>/item?<key attribute>=<value>...} answers one item (GetItem), each key
 * value read as its attribute's type (S, N, or B in base64). Items are plain JSON: DynamoDB's typed
 * values converted (numbers as numbers, sets as arrays, binary as base64).
 */
final class Tables implements HttpService {

  private static final String PATH = "/_idem/api/tables/";
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  /** How many records a shard's "behind" is counted up to, per request. */
  static final int MAX_BEHIND = 10_000;

  private final AwsClients clients;
  private final StackSpec stack;
  private final Supplier<List<StreamEventSource<?>>> streams;

  Tables(AwsClients clients, StackSpec stack, Supplier<List<StreamEventSource<?>>> streams) {
    this.clients = clients;
    this.stack = stack;
    this.streams = streams;
  }

  @Override
  public Response handle(Request request) {
    if (!"GET".equals(request.method())) {
      return ConsoleApi.methodNotAllowed(request, "GET");
    }
    String rest = request.path().startsWith(PATH) ? request.path().substring(PATH.length()) : "";
    String[] parts = rest.split("/", -1);
    if (rest.isEmpty() || parts.length > 2 || (parts.length == 2 && !"item".equals(parts[1]))) {
      return ConsoleApi.problem(
          404, "NotFound", "Nothing at " + request.path() + "; use " + PATH + "<table>[/item]");
    }
    Optional<TableSpec> table =
        stack.tables().stream().filter(t -> t.name().equals(parts[0])).findFirst();
    if (table.isEmpty()) {
      return ConsoleApi.problem(
          404,
          "TableNotFound",
          "No table "
              + parts[0]
              + " in the stack (tables: "
              + stack.tables().stream().map(TableSpec::name).toList()
              + ")");
    }
    try {
      return parts.length == 2
          ? item(table.get(), request.rawQuery())
          : Response.json(200, json(table.get(), request.rawQuery()).toString());
    } catch (ConsoleApi.BadParameter e) {
      return e.badRequest();
    } catch (AwsServiceException e) {
      // DynamoDB refusing a key or a start key the request gave is the request's fault.
      return e.statusCode() == 400
          ? ConsoleApi.problem(400, "InvalidParameter", e.awsErrorDetails().errorMessage())
          : ConsoleApi.problem(502, "BackendError", e.getMessage());
    } catch (SdkException e) {
      return ConsoleApi.problem(502, "BackendError", e.getMessage());
    }
  }

  /**
   * The stream column of the overview: per stream mapping of {@code table}, its shards' positions;
   * empty when none reads it.
   */
  List<Map.Entry<String, List<ShardPosition>>> positions(String table) {
    List<Map.Entry<String, List<ShardPosition>>> positions = new ArrayList<>();
    for (StreamEventSource<?> source : streams.get()) {
      if (source.config().tableName().equals(table)) {
        positions.add(Map.entry(source.config().functionName(), source.positions(MAX_BEHIND)));
      }
    }
    return positions;
  }

  /** A summary for the overview's stream column: records behind over all mappings and shards. */
  ObjectNode streamSummary(String table) {
    ObjectNode summary = AwsJson.MAPPER.createObjectNode();
    long behind = 0;
    boolean atLeast = false;
    int shards = 0;
    List<Map.Entry<String, List<ShardPosition>>> positions = positions(table);
    for (Map.Entry<String, List<ShardPosition>> mapping : positions) {
      for (ShardPosition shard : mapping.getValue()) {
        behind += shard.behind();
        atLeast |= shard.behindAtLeast();
        shards++;
      }
    }
    summary.put("mappings", positions.size()).put("shards", shards).put("behind", behind);
    summary.put("behindAtLeast", atLeast);
    return summary;
  }

  private ObjectNode json(TableSpec spec, String query) {
    Map<String, String> parameters = ConsoleApi.parameters(query, List.of("limit", "next"));
    int limit = ConsoleApi.number(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Map<String, AttributeValue> start =
        parameters.containsKey("next") ? token(parameters.get("next")) : null;
    TableDescription table =
        clients.dynamoDb().describeTable(r -> r.tableName(spec.name())).table();
    ObjectNode body = AwsJson.MAPPER.createObjectNode().put("name", spec.name());
    body.put("itemCount", table.itemCount()).put("status", table.tableStatusAsString());
    body.set("keySchema", keys(table.keySchema(), attributeTypes(spec)));
    ArrayNode indexes = body.putArray("indexes");
    for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
      indexes
          .addObject()
          .put("name", index.indexName())
          .put("kind", "global")
          .put("projection", index.projection().projectionTypeAsString())
          .set("keySchema", keys(index.keySchema(), attributeTypes(spec)));
    }
    for (LocalSecondaryIndexDescription index : table.localSecondaryIndexes()) {
      indexes
          .addObject()
          .put("name", index.indexName())
          .put("kind", "local")
          .put("projection", index.projection().projectionTypeAsString())
          .set("keySchema", keys(index.keySchema(), attributeTypes(spec)));
    }
    ObjectNode stream = body.putObject("stream");
    boolean enabled =
        table.streamSpecification() != null
            && Boolean.TRUE.equals(table.streamSpecification().streamEnabled());
    stream.put("enabled", enabled);
    if (enabled) {
      stream
          .put("viewType", table.streamSpecification().streamViewTypeAsString())
          .put("arn", table.latestStreamArn());
    }
    ArrayNode mappings = stream.putArray("mappings");
    for (Map.Entry<String, List<ShardPosition>> mapping : positions(spec.name())) {
      ObjectNode row = mappings.addObject().put("function", mapping.getKey());
      ArrayNode shards = row.putArray("shards");
      for (ShardPosition shard : mapping.getValue()) {
        shards
            .addObject()
            .put("shardId", shard.shardId())
            .put("state", shard.state())
            .put("lastHandedSequenceNumber", shard.lastHanded())
            .put("behind", shard.behind())
            .put("behindAtLeast", shard.behindAtLeast());
      }
    }
    ScanResponse scan =
        clients
            .dynamoDb()
            .scan(r -> r.tableName(spec.name()).limit(limit).exclusiveStartKey(start));
    ArrayNode items = body.putArray("items");
    scan.items().forEach(item -> items.add(plain(item)));
    if (scan.hasLastEvaluatedKey() && !scan.lastEvaluatedKey().isEmpty()) {
      body.put("next", token(scan.lastEvaluatedKey()));
    } else {
      body.putNull("next");
    }
    return body;
  }

  private Response item(TableSpec spec, String query) {
    Map<String, String> types = attributeTypes(spec);
    List<String> keyNames = spec.keySchema().stream().map(TableSpec.Key::attribute).toList();
    Map<String, String> parameters = ConsoleApi.parameters(query, keyNames);
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyNames) {
      String value = parameters.get(name);
      if (value == null) {
        throw new ConsoleApi.BadParameter(
            "The key attribute " + name + " is missing; the key is " + keyNames);
      }
      key.put(name, keyValue(name, types.get(name), value));
    }
    Map<String, AttributeValue> item =
        clients
            .dynamoDb()
            .getItem(r -> r.tableName(spec.name()).key(key).consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return ConsoleApi.problem(
          404, "ItemNotFound", "No item in " + spec.name() + " with the key " + parameters);
    }
    ObjectNode body = AwsJson.MAPPER.createObjectNode();
    body.set("item", plain(item));
    return Response.json(200, body.toString());
  }

  static AttributeValue keyValue(String name, String type, String value) {
    return switch (type) {
      case "N" -> {
        try {
          yield AttributeValue.fromN(new BigDecimal(value).toString());
        } catch (NumberFormatException e) {
          throw new ConsoleApi.BadParameter(name + " is a number (N), was " + value);
        }
      }
      case "B" -> {
        try {
          yield AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value)));
        } catch (IllegalArgumentException e) {
          throw new ConsoleApi.BadParameter(
              name + " is binary (B): give it in base64, was " + value);
        }
      }
      default -> {
        if (value.isEmpty()) {
          throw new ConsoleApi.BadParameter(name + " is a string (S) and cannot be empty");
        }
        yield AttributeValue.fromS(value);
      }
    };
  }

  private static Map<String, String> attributeTypes(TableSpec spec) {
    Map<String, String> types = new LinkedHashMap<>();
    spec.attributes().forEach(attribute -> types.put(attribute.name(), attribute.type()));
    return types;
  }

  private static ArrayNode keys(List<KeySchemaElement> schema, Map<String, String> types) {
    ArrayNode keys = AwsJson.MAPPER.createArrayNode();
    for (KeySchemaElement element : schema) {
      keys.addObject()
          .put("attribute", element.attributeName())
          .put("keyType", element.keyTypeAsString())
          .put("type", types.getOrDefault(element.attributeName(), "S"));
    }
    return keys;
  }

  /** An item in plain JSON: DynamoDB's typed values converted. */
  static ObjectNode plain(Map<String, AttributeValue> item) {
    ObjectNode json = AwsJson.MAPPER.createObjectNode();
    item.forEach((name, value) -> json.set(name, plain(value)));
    return json;
  }

  private static JsonNode plain(AttributeValue value) {
    var factory = AwsJson.MAPPER.getNodeFactory();
    return switch (value.type()) {
      case S -> factory.textNode(value.s());
      case N -> factory.numberNode(new BigDecimal(value.n()));
      case B -> factory.textNode(Base64.getEncoder().encodeToString(value.b().asByteArray()));
      case BOOL -> factory.booleanNode(value.bool());
      case NUL -> factory.nullNode();
      case M -> plain(value.m());
      case L -> {
        ArrayNode list = factory.arrayNode();
        value.l().forEach(element -> list.add(plain(element)));
        yield list;
      }
      case SS -> {
        ArrayNode set = factory.arrayNode();
        value.ss().forEach(set::add);
        yield set;
      }
      case NS -> {
        ArrayNode set = factory.arrayNode();
        value.ns().forEach(n -> set.add(new BigDecimal(n)));
        yield set;
      }
      case BS -> {
        ArrayNode set = factory.arrayNode();
        value.bs().forEach(b -> set.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        yield set;
      }
      default -> factory.nullNode();
    };
  }

  /** The opaque token of the page after: the Scan's LastEvaluatedKey, in DynamoDB JSON, base64. */
  private static String token(Map<String, AttributeValue> lastKey) {
    ObjectNode key = AwsJson.MAPPER.createObjectNode();
    lastKey.forEach((name, value) -> {
      ObjectNode typed = key.putObject(name);
      switch (value.type()) {
        case N -> typed.put("N", value.n());
        case B -> typed.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
        default -> typed.put("S", value.s());
      }
    });
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, AttributeValue> token(String token) {
    try {
      JsonNode key =
          AwsJson.MAPPER.readTree(
              new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      Map<String, AttributeValue> start = new LinkedHashMap<>();
      if (key != null && key.isObject() && !key.isEmpty()) {
        for (var field : key.properties()) {
          JsonNode typed = field.getValue();
          if (typed.has("S") && typed.get("S").isTextual()) {
            start.put(field.getKey(), AttributeValue.fromS(typed.get("S").asText()));
          } else if (typed.has("N") && typed.get("N").isTextual()) {
            start.put(field.getKey(), AttributeValue.fromN(typed.get("N").asText()));
          } else if (typed.has("B") && typed.get("B").isTextual()) {
            start.put(
                field.getKey(),
                AttributeValue.fromB(
                    SdkBytes.fromByteArray(Base64.getDecoder().decode(typed.get("B").asText()))));
          } else {
            throw new IllegalArgumentException("not a key value");
          }
        }
        return start;
      }
    } catch (IOException | IllegalArgumentException e) {
      // answered below
    }
    throw new ConsoleApi.BadParameter("next is not a token this endpoint gave out");
  }
}
