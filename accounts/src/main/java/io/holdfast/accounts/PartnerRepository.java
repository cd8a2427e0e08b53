package io.holdfast.accounts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Partners: a user with the role partner (so its holds, payments and orders are like anyone's)
 * and its client credentials. The account has no email of its own and no password: it cannot
 * log in, only present its client secret.
 */
public final class PartnerRepository {
  private final Pool pool;

  public PartnerRepository(Pool pool) {
    this.pool = pool;
  }

  /** Client credentials as stored: the secret only as its hash. */
  public record Partner(UUID userId, String name, String clientId, byte[] secretHash,
      int requestsPerMinute) {}

  public Future<Partner> create(String name, String clientId, byte[] secretHash,
      int requestsPerMinute) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(conn -> conn.preparedQuery("insert into users (id, email, name, "
                + "password_hash, roles) values ($1, $2, $3, '!', '{partner}')")
            // Unique by the random client ID; .invalid can never be a real address (RFC 2606).
            .execute(Tuple.of(id, clientId + "@partners.holdfast.invalid", name))
            .compose(ignored -> conn.preparedQuery("insert into partner_credentials (client_id, "
                    + "user_id, secret_hash, requests_per_minute) values ($1, $2, $3, $4)")
                .execute(Tuple.of(clientId, id, Buffer.buffer(secretHash), requestsPerMinute))))
        .map(ignored -> new Partner(id, name, clientId, secretHash, requestsPerMinute));
  }

  /** The partner with this client ID, or null. */
  public Future<Partner> byClientId(String clientId) {
    return pool.preparedQuery("select c.user_id, u.name, c.client_id, c.secret_hash, "
            + "c.requests_per_minute from partner_credentials c join users u on u.id = c.user_id "
            // An admin who revokes the role partner disables its credentials.
            + "where c.client_id = $1 and 'partner' = any(u.roles)")
        .execute(Tuple.of(clientId))
        .map(rs -> {
          if (rs.size() == 0) {
            return null;
          }
          var r = rs.iterator().next();
          return new Partner(r.getUUID("user_id"), r.getString("name"), r.getString("client_id"),
              r.getBuffer("secret_hash").getBytes(), r.getInteger("requests_per_minute"));
        });
  }
}
