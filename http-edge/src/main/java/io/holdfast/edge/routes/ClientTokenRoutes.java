package io.holdfast.edge.routes;

import io.holdfast.contracts.problem.Problem;
import io.holdfast.support.crypto.Secrets;
import io.holdfast.edge.http.Reply;
import io.holdfast.accounts.PartnerRepository;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.holdfast.edge.http.Responses.handle;

/**
 * {@code POST /v1/auth/token}: OAuth2 client credentials (RFC 6749 4.4) for partners. The client
 * authenticates with HTTP Basic or with {@code client_id} and {@code client_secret} in the body,
 * a form (as the RFC has it) or JSON; parameters this grant does not use are ignored, as the RFC
 * asks. The answer uses OAuth2's field names.
 */
public final class ClientTokenRoutes {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  private final Edge edge;
  private final PartnerRepository partners;

  public ClientTokenRoutes(Edge edge, PartnerRepository partners) {
    this.edge = edge;
    this.partners = partners;
  }

  public void mount(Router router) {
    router.post("/v1/auth/token").handler(handle(this::token));
  }

  private Future<Reply> token(RoutingContext ctx) {
    Map<String, String> params = params(ctx);
    String[] basic = basic(ctx.request().getHeader("Authorization"));
    if (basic != null && (params.containsKey("client_id") || params.containsKey("client_secret"))) {
      throw invalidRequest("Authenticate the client one way only: HTTP Basic or the body");
    }
    String grant = params.get("grant_type");
    if (grant == null) {
      throw invalidRequest("grant_type is required");
    }
    if (!"client_credentials".equals(grant)) {
      throw Problem.of(400, "unsupported-grant-type", "Unsupported grant type",
          "Only grant_type=client_credentials is supported here").toException();
    }
    String clientId = basic != null ? basic[0] : params.get("client_id");
    String secret = basic != null ? basic[1] : params.get("client_secret");
    if (clientId == null || secret == null) {
      return Future.failedFuture(invalidClient(ctx, basic != null));
    }
    return partners.byClientId(clientId).compose(partner -> {
      // Unknown clients are compared too (against nothing): the answer and its cost are the same.
      if (!Secrets.matches(secret, partner == null ? null : partner.secretHash())) {
        return Future.failedFuture(invalidClient(ctx, basic != null));
      }
      int ttl = edge.issuer().ttlSeconds();
      return Future.succeededFuture(Reply.ok(new JsonObject()
          .put("access_token", edge.issuer().issuePartner(partner.userId().toString(),
              partner.requestsPerMinute()))
          .put("token_type", "Bearer").put("expires_in", ttl)));
    });
  }

  /** The body's parameters; a parameter sent twice is refused (RFC 6749 3.2). */
  private static Map<String, String> params(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    Buffer body = ctx.body().buffer();
    Map<String, String> params = new HashMap<>();
    if (mediaType.equals(FORM)) {
      String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
      for (Map.Entry<String, List<String>> e
          : new QueryStringDecoder(text, StandardCharsets.UTF_8, false).parameters().entrySet()) {
        if (e.getValue().size() > 1) {
          throw invalidRequest(e.getKey() + " is sent more than once");
        }
        params.put(e.getKey(), e.getValue().get(0));
      }
    } else if (mediaType.equals(JSON)) {
      JsonObject json;
      try {
        json = body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject();
      } catch (DecodeException | ClassCastException e) {
        throw invalidRequest("The body is not a JSON object");
      }
      json.forEach(e -> {
        if (e.getValue() != null && !(e.getValue() instanceof String)) {
          throw invalidRequest(e.getKey() + " must be a string");
        }
        params.put(e.getKey(), (String) e.getValue());
      });
    } else {
      throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "Send the parameters as " + FORM + " or " + JSON).toException();
    }
    params.values().removeIf(v -> v == null || v.isEmpty());
    return params;
  }

  /** {@code [clientId, secret]} of an HTTP Basic header (each form-urlencoded), or null. */
  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw invalidRequest("HTTP Basic credentials must be client_id:client_secret");
      }
      return new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
    } catch (IllegalArgumentException e) {
      throw invalidRequest("HTTP Basic credentials cannot be read");
    }
  }

  private static RuntimeException invalidRequest(String detail) {
    return Problem.of(400, "invalid-request", "Invalid token request", detail).toException();
  }

  private static RuntimeException invalidClient(RoutingContext ctx, boolean basic) {
    if (basic) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"holdfast\"");
    }
    return Problem.of(401, "invalid-client", "Invalid client",
        "The client ID or the client secret is wrong").toException();
  }
}
