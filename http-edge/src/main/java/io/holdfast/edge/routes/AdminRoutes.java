package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.support.crypto.Secrets;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Paging;
import io.holdfast.edge.http.Reply;
import io.holdfast.accounts.PartnerRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.holdfast.edge.http.Responses.handle;

/** What only admins do: create partners, grant and revoke roles. */
public final class AdminRoutes {
  static final int DEFAULT_REQUESTS_PER_MINUTE = 600;

  private final Edge edge;
  private final PartnerRepository partners;

  public AdminRoutes(Edge edge, PartnerRepository partners) {
    this.edge = edge;
    this.partners = partners;
  }

  public void mount(Router router) {
    router.post("/v1/admin/partners").handler(edge.auth()).handler(handle(this::createPartner));
    router.get("/v1/admin/users").handler(edge.auth()).handler(handle(this::findUser));
    router.post("/v1/admin/users/:userId/roles").handler(edge.auth())
        .handler(handle(this::changeRoles));
  }

  /** A new partner; its client secret is in this answer and nowhere else, ever. */
  private Future<Reply> createPartner(RoutingContext ctx) {
    Authenticator.caller(ctx).require(Caller.ADMIN);
    BodyReader body = BodyReader.of(ctx.body().buffer())
        .only(Set.of("name", "requestsPerMinute"));
    String name = body.string("name", true, 1, 200);
    Integer rpm = body.integer("requestsPerMinute", DEFAULT_REQUESTS_PER_MINUTE, 1, 1_000_000);
    body.validate();
    String clientId = "hfp_" + Secrets.random(18);
    String secret = Secrets.random(32);
    return partners.create(name, clientId, Secrets.hash(secret), rpm)
        .map(partner -> Reply.created(new JsonObject()
            .put("partnerId", partner.userId().toString()).put("clientId", clientId)
            .put("clientSecret", secret).put("name", name).put("requestsPerMinute", rpm), null));
  }

  /** The account of {@code ?email=} (any case), so an admin can change its roles; or a 404. */
  private Future<Reply> findUser(RoutingContext ctx) {
    Authenticator.caller(ctx).require(Caller.ADMIN);
    String raw = ctx.request().getParam("email");
    JsonObject params = new JsonObject();
    if (raw != null && !raw.isBlank()) {
      params.put("email", raw.trim());
    }
    BodyReader query = BodyReader.of(params.toBuffer());
    String email = query.string("email", true, 3, 254);
    query.validate();
    return edge.users().byEmail(email).compose(user -> user == null
        ? Future.failedFuture(Problems.notFound("An account with this email").toException())
        : Future.succeededFuture(Reply.ok(user.toJson())));
  }

  /** {@code {grant: [...], revoke: [...]}}; new access tokens (and refreshes) carry the change. */
  private Future<Reply> changeRoles(RoutingContext ctx) {
    Authenticator.caller(ctx).require(Caller.ADMIN);
    UUID userId = Paging.uuid(ctx, "userId", "User");
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("grant", "revoke"));
    List<String> grant = roles(body, "grant");
    List<String> revoke = roles(body, "revoke");
    if (!body.has("grant") && !body.has("revoke")) {
      body.error("grant", "is required when revoke is not given: there is nothing to change");
    }
    for (String role : grant) {
      if (revoke.contains(role)) {
        body.error("revoke", "cannot revoke " + role + ", which grant adds");
      }
    }
    body.validate();
    return edge.users().changeRoles(userId, grant, revoke).compose(user -> user == null
        ? Future.failedFuture(Problems.notFound("User " + userId).toException())
        : Future.succeededFuture(Reply.ok(user.toJson())));
  }

  /** An optional array of known roles. */
  private static List<String> roles(BodyReader body, String field) {
    List<String> roles = new ArrayList<>();
    if (!body.has(field)) {
      return roles;
    }
    JsonArray raw = body.array(field, 0, Caller.ROLES.size());
    for (int i = 0; raw != null && i < raw.size(); i++) {
      if (raw.getValue(i) instanceof String role && Caller.ROLES.contains(role)) {
        roles.add(role);
      } else {
        body.error(field + "[" + i + "]", "must be one of " + String.join(", ", Caller.ROLES));
      }
    }
    return roles;
  }
}
