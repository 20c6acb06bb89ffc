/**
 * The shard machinery of a stream event source mapping, for any stream of shards: {@link
 * dev.idem.local.sources.stream.StreamEventSource} lists the shards and follows their lineage, a
 * reader per shard takes its records in order with one batch in flight and keeps its position (the
 * last sequence number read), and each batch is retried, bisected, resumed from the lowest reported
 * item failure or given up on to the OnFailure destination as {@link
 * dev.idem.local.sources.stream.StreamSourceConfig} says. What one service does differently comes
 * in through two seams: {@link dev.idem.local.sources.stream.ShardClient} (its API: shards,
 * iterators, reads) and {@link dev.idem.local.sources.stream.StreamRecords} (its records' shape and
 * the event a function receives). DynamoDB Streams is one such service; a Kinesis source would be
 * another pair of these, not a second copy of the loop.
 */
package dev.idem.local.sources.stream;
