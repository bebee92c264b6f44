package sovereign.munin.keep.store.internal;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import sovereign.munin.keep.store.ApiTokenDao;
import sovereign.munin.keep.store.InstanceMetaDao;
import sovereign.munin.keep.store.SealConfigDao;
import sovereign.munin.keep.store.audit.AuditCheckpointDao;
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditHashDao;
import sovereign.munin.keep.store.audit.AuditKeyDao;
import sovereign.munin.keep.store.audit.AuditPersonalDao;
import sovereign.munin.keep.store.identity.AccessDao;
import sovereign.munin.keep.store.identity.ProjectDao;
import sovereign.munin.keep.store.identity.ReviewDao;
import sovereign.munin.keep.store.identity.SessionDao;
import sovereign.munin.keep.store.identity.UserDao;
import sovereign.munin.keep.store.identity.WebAuthnChallengeDao;
import sovereign.munin.keep.store.identity.WebAuthnDao;
import sovereign.munin.keep.store.keys.CustodianDao;
import sovereign.munin.keep.store.keys.KeyImportDao;
import sovereign.munin.keep.store.keys.KeyMaterialDao;
import sovereign.munin.keep.store.keys.ManagedKeyDao;

/**
 * Builds every DAO's SQL Object metadata once, on the {@link Jdbi} itself. JDBI 3.54 gives each handle a copy of the
 * metadata cache and never writes back what a handle computed, so without this every {@code Handle.attach} parsed
 * the DAO's annotations again (a fifth of the CPU of a sign request; jdbi issue 2991, fixed after 3.54). Handles
 * copy the warmed cache when they open.
 */
public final class DaoMetadata {

  /** Every SQL Object interface of this module; {@code DaoMetadataTest} fails when one is missing. */
  public static final List<Class<?>> ALL = List.of(ApiTokenDao.class, InstanceMetaDao.class, SealConfigDao.class,
      AuditCheckpointDao.class, AuditEventDao.class, AuditHashDao.class, AuditKeyDao.class, AuditPersonalDao.class,
      AccessDao.class, ProjectDao.class, ReviewDao.class, SessionDao.class, UserDao.class, WebAuthnDao.class,
      WebAuthnChallengeDao.class, KeyMaterialDao.class, ManagedKeyDao.class, CustodianDao.class,
      KeyImportDao.class);

  private DaoMetadata() {}

  /** Computes the metadata of every DAO in {@code jdbi}'s own configuration. */
  public static void warm(Jdbi jdbi) {
    Extensions extensions = jdbi.getConfig(Extensions.class);
    ExtensionFactory factory = extensions.findFactory(SqlObjectFactory.class).orElseThrow(() ->
        new IllegalStateException("the SQL Object plugin is not installed"));
    for (Class<?> dao : ALL) {
      extensions.findMetadata(dao, factory);
    }
  }
}
