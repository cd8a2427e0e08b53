package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.contracts.problem.Problems;
import io.holdfast.edge.auth.Authenticator;
import io.holdfast.edge.auth.Caller;
import io.holdfast.edge.http.BodyReader;
import io.holdfast.edge.http.Reply;
import io.holdfast.edge.store.UserRepository.User;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.holdfast.edge.http.Responses.handle;

/** Register, log in, and who am I. Password hashing runs on worker threads. */
public final class AccountRoutes {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final Edge edge;

  public AccountRoutes(Edge edge) {
    this.edge = edge;
  }

  public void mount(Router router) {
    router.post("/v1/auth/register").handler(handle(this::register));
    router.post("/v1/auth/login").handler(handle(this::login));
    router.get("/v1/me").handler(edge.auth()).handler(handle(this::me));
  }

  private Future<Reply> register(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email", "password", "name"));
    String email = body.string("email", true, 3, 254);
    String password = body.string("password", true, 8, 256);
    String name = body.string("name", true, 1, 200);
    if (email != null && !EMAIL.matcher(email).matches()) {
      body.error("email", "must be an email address");
    }
    body.validate();
    List<String> roles = new ArrayList<>(List.of(Caller.BUYER));
    if (edge.organizerEmails().contains(email.toLowerCase(Locale.ROOT))) {
      roles.add(Caller.ORGANIZER);
    }
    return edge.vertx().executeBlocking(() -> edge.passwords().hash(password), false)
        .compose(hash -> edge.users().insert(email, name, hash, roles))
        .recover(t -> Future.failedFuture(t instanceof PgException pg
            && "23505".equals(pg.getSqlState())
            ? Problem.of(409, "email-taken", "Email taken",
                "An account with this email exists already").toException()
            : t))
        .map(user -> Reply.created(tokens(user), "/v1/me"));
  }

  private Future<Reply> login(RoutingContext ctx) {
    BodyReader body = BodyReader.of(ctx.body().buffer()).only(Set.of("email", "password"));
    String email = body.string("email", true, 1, 254);
    String password = body.string("password", true, 1, 256);
    body.validate();
    return edge.users().byEmail(email).compose(user -> edge.vertx().executeBlocking(
            // An unknown email costs the same hash as a wrong password: no account probing.
            () -> edge.passwords().verify(password, user == null ? null : user.passwordHash()),
            false)
        .compose(ok -> ok ? Future.succeededFuture(Reply.ok(tokens(user)))
            : Future.failedFuture(Problem.of(401, "invalid-credentials", "Invalid credentials",
                "The email or the password is wrong").toException())));
  }

  private Future<Reply> me(RoutingContext ctx) {
    UUID id = UUID.fromString(Authenticator.caller(ctx).id());
    return edge.users().byId(id).compose(user -> user == null
        ? Future.failedFuture(Problems.notFound("Account").toException())
        : Future.succeededFuture(Reply.ok(user.toJson())));
  }

  private JsonObject tokens(User user) {
    // Refresh tokens come with the accounts issue; until then a client logs in again.
    return new JsonObject().put("user", user.toJson())
        .put("accessToken", edge.issuer().issue(user.id().toString(), user.roles()))
        .put("refreshToken", (String) null)
        .put("tokenType", "Bearer")
        .put("expiresIn", edge.issuer().ttlSeconds());
  }
}
