package io.holdfast.edge.auth;

import io.holdfast.contracts.problem.Problem;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, as a verified token says; {@code expiresAt} in epoch seconds;
 * {@code requestsPerMinute} is a partner's rate (the token's {@code rpm} claim), 0 without one.
 */
public record Caller(String id, Set<String> roles, long expiresAt, int requestsPerMinute) {
  public static final String BUYER = "buyer";
  public static final String ORGANIZER = "organizer";
  public static final String STAFF = "staff";
  public static final String PARTNER = "partner";
  public static final String ADMIN = "admin";
  /** Every role there is, in the order the API lists them. */
  public static final List<String> ROLES = List.of(BUYER, ORGANIZER, STAFF, PARTNER, ADMIN);

  public boolean has(String role) {
    return roles.contains(role);
  }

  /** A 403 unless the caller has one of {@code allowed}. */
  public Caller require(String... allowed) {
    for (String role : allowed) {
      if (roles.contains(role)) {
        return this;
      }
    }
    throw Problem.of(403, "forbidden", "Forbidden",
        "This needs the role " + String.join(" or ", allowed)).toException();
  }
}
