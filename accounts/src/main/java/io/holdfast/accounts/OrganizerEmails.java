package io.holdfast.accounts;

import io.holdfast.support.config.Setting;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The addresses the operator lists as organizers ({@code HOLDFAST_ORGANIZER_EMAILS}). Listing
 * grants the organizer role to the account of such an address once the address is proven (its
 * verification or password-reset link used): typing an address proves nothing.
 */
public final class OrganizerEmails {
  public static final Setting EMAILS = Setting.none("HOLDFAST_ORGANIZER_EMAILS",
      "organizers.emails", null, "comma-separated emails of organizer accounts: the platform "
      + "creates each one missing at start, and an account of a listed address becomes "
      + "organizer once its address is verified");

  private final List<String> emails;

  private OrganizerEmails(List<String> emails) {
    this.emails = emails;
  }

  /** The configured list; a clear error naming an entry that is not an address. */
  public static OrganizerEmails of(JsonObject config) {
    List<String> emails = Arrays.stream(EMAILS.string(config, "").split(","))
        .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).distinct()
        .toList();
    for (String email : emails) {
      if (email.indexOf('@') < 1) {
        throw new IllegalArgumentException(EMAILS.variable() + ": " + email
            + " is not an email address");
      }
    }
    return new OrganizerEmails(emails);
  }

  public List<String> all() {
    return emails;
  }

  public boolean listed(String email) {
    return email != null && emails.contains(email.trim().toLowerCase(Locale.ROOT));
  }
}
