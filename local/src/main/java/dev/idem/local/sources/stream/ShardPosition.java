package dev.idem.local.sources.stream;

/**
 * Where a stream event source is in one shard.
 *
 * @param shardId the shard
 * @param state READING, FINISHED (read to its end) or FAILED
 * @param lastHanded the sequence number of the last record handed to the function, or null before
 *     the first batch
 * @param behind the records after it not yet handed to the function
 * @param behindAtLeast whether counting stopped at the bound, so that more may be behind
 */
public record ShardPosition(
    String shardId, String state, String lastHanded, long behind, boolean behindAtLeast) {}
