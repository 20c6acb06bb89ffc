package dev.idem.local.sources.stream;

/**
 * One shard as a stream describes it.
 *
 * @param id the shard's id
 * @param parentId the shard it was split from, or null
 * @param closed whether it has an ending sequence number (it takes no more records)
 */
public record StreamShard(String id, String parentId, boolean closed) {}
