package sovereign.munin.keep.store.identity;

/** A stored access review round. */
public record ReviewRow(String id, long startedAt, long deadline) {}
