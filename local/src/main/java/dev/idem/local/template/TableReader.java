package dev.idem.local.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads {@code AWS::DynamoDB::Table} and {@code AWS::Serverless::SimpleTable}. */
final class TableReader {

  static final String TABLE = "AWS::DynamoDB::Table";
  static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";

  private final ResourceIds ids;
  private final NotEmulated notes;

  TableReader(ResourceIds ids, NotEmulated notes) {
    this.ids = ids;
    this.notes = notes;
  }

  /** The table's spec; what it does not read is reported. */
  TableSpec read(Resource resource, Props props) {
    TableSpec table =
        resource.type().equals(SIMPLE_TABLE)
            ? simpleTable(resource, props)
            : table(resource, props);
    props.reportUnread(notes);
    return table;
  }

  private TableSpec table(Resource resource, Props props) {
    props.ignore("TableName");
    List<TableSpec.Attribute> attributes = new ArrayList<>();
    for (Props definition : props.children("AttributeDefinitions")) {
      attributes.add(
          new TableSpec.Attribute(
              definition.required("AttributeName"), definition.required("AttributeType")));
    }
    Props stream = props.child("StreamSpecification");
    Props ttl = props.child("TimeToLiveSpecification");
    String ttlAttribute =
        ttl != null && ttl.bool("Enabled", false) ? ttl.required("AttributeName") : null;
    return new TableSpec(
        resource.logicalId(),
        ids.ref(resource.logicalId()),
        attributes,
        keys(props.children("KeySchema")),
        props.string("BillingMode", "PROVISIONED"),
        throughput(props.child("ProvisionedThroughput")),
        indexes(props.children("GlobalSecondaryIndexes"), true),
        indexes(props.children("LocalSecondaryIndexes"), false),
        stream == null ? null : stream.required("StreamViewType"),
        ttlAttribute);
  }

  private TableSpec simpleTable(Resource resource, Props props) {
    props.ignore("TableName");
    Props primary = props.child("PrimaryKey");
    String name = primary == null ? "id" : primary.string("Name", "id");
    String type = primary == null ? "String" : primary.string("Type", "String");
    TableSpec.Throughput throughput = throughput(props.child("ProvisionedThroughput"));
    return new TableSpec(
        resource.logicalId(),
        ids.ref(resource.logicalId()),
        List.of(new TableSpec.Attribute(name, type.substring(0, 1))),
        List.of(new TableSpec.Key(name, "HASH")),
        throughput == null ? "PAY_PER_REQUEST" : "PROVISIONED",
        throughput,
        List.of(),
        List.of(),
        null,
        null);
  }

  private static List<TableSpec.Key> keys(List<Props> elements) {
    List<TableSpec.Key> keys = new ArrayList<>();
    for (Props element : elements) {
      keys.add(new TableSpec.Key(element.required("AttributeName"), element.required("KeyType")));
    }
    keys.sort(Comparator.comparing(key -> key.keyType().equals("HASH") ? 0 : 1));
    return keys;
  }

  private List<TableSpec.Index> indexes(List<Props> blocks, boolean global) {
    List<TableSpec.Index> indexes = new ArrayList<>();
    for (Props index : blocks) {
      Props projection = index.child("Projection");
      indexes.add(
          new TableSpec.Index(
              index.required("IndexName"),
              keys(index.children("KeySchema")),
              projection == null ? "ALL" : projection.string("ProjectionType", "ALL"),
              projection == null ? List.of() : projection.strings("NonKeyAttributes"),
              global ? throughput(index.child("ProvisionedThroughput")) : null));
      if (projection != null) {
        projection.reportUnread(notes);
      }
      index.reportUnread(notes);
    }
    return indexes;
  }

  private static TableSpec.Throughput throughput(Props block) {
    if (block == null) {
      return null;
    }
    return new TableSpec.Throughput(
        block.integer("ReadCapacityUnits", 1), block.integer("WriteCapacityUnits", 1));
  }
}
