package sovereign.munin.keep.app.seal;

/** What a caller may know about the seal: never the key, only whether it is held and how unsealing progresses. */
public record SealStatus(boolean sealed, String kind, String instanceId, int threshold, int shares, int progress) {
}
