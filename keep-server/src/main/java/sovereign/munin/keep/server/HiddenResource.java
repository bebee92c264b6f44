package sovereign.munin.keep.server;

import sovereign.munin.keep.app.KeepException;

/**
 * A refusal that answers exactly as "not found" does, for a resource the caller may not know exists; the
 * authoriser still audits it as a denied access.
 */
final class HiddenResource extends KeepException {

  HiddenResource(KeepException notFound) {
    super(notFound.kind(), notFound.type(), notFound.getMessage());
  }
}
