package sovereign.munin.keep.app.audit;

import java.util.Map;
import java.util.Objects;

/**
 * Something that happened, as the audit log records it. {@code personal} holds fields about a person (names,
 * e-mail addresses, free text about people): they are kept outside the Merkle leaf, under {@code subject}'s key,
 * so they can be erased later while every proof stays valid.
 *
 * @param actor     who acted: a user id, token id or role such as {@code custodian}; never a person's name
 * @param action    dotted verb, e.g. {@code seal.unseal}
 * @param outcome   {@code success}, {@code failure} or {@code denied}
 * @param target    what was acted on
 * @param project   the project the change belongs to, or null
 * @param requestId the request that caused it, or null
 * @param details   non-personal facts (strings, integers, booleans, nested maps and lists)
 * @param subject   the data subject the personal fields concern, or null when there are none
 * @param personal  personal fields by name
 */
public record AuditEvent(String actor, String action, String outcome, String target, String project,
    String requestId, Map<String, Object> details, String subject, Map<String, String> personal) {

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(target, "target");
    details = details == null ? Map.of() : Map.copyOf(details);
    personal = personal == null ? Map.of() : Map.copyOf(personal);
    if (!personal.isEmpty() && (subject == null || subject.isBlank())) {
      throw new IllegalArgumentException("personal fields need the data subject they concern");
    }
    if (!outcome.equals("success") && !outcome.equals("failure") && !outcome.equals("denied")) {
      throw new IllegalArgumentException("outcome must be success, failure or denied");
    }
  }

  /** A successful action with no personal data. */
  public static AuditEvent success(String actor, String action, String target, Map<String, Object> details) {
    return new AuditEvent(actor, action, "success", target, null, null, details, null, null);
  }

  /** A failed action with no personal data. */
  public static AuditEvent failure(String actor, String action, String target, Map<String, Object> details) {
    return new AuditEvent(actor, action, "failure", target, null, null, details, null, null);
  }

  /** The same event carrying personal fields about {@code subject}. */
  public AuditEvent withPersonal(String subject, Map<String, String> fields) {
    return new AuditEvent(actor, action, outcome, target, project, requestId, details, subject, fields);
  }

  /** The same event in a project. */
  public AuditEvent inProject(String project) {
    return new AuditEvent(actor, action, outcome, target, project, requestId, details, subject, personal);
  }
}
