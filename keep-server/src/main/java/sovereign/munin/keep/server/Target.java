package sovereign.munin.keep.server;

/**
 * The resource a request acts on, found from its declaration before the handler runs: the project it belongs to
 * (id and name; null for resources outside projects), the resource's own name (a key name, a request id), and the
 * user who owns it where that matters (a token's owner).
 */
record Target(String projectId, String projectName, String name, String ownerUserId) {

  static final Target NONE = new Target(null, null, null, null);

  static Target inProject(String projectId, String projectName, String name) {
    return new Target(projectId, projectName, name, null);
  }
}
