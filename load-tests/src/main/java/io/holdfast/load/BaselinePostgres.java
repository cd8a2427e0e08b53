package io.holdfast.load;

import io.holdfast.infra.PostgresServer;
import java.io.IOException;

/**
 * The Postgres baseline's server: the same embedded PostgreSQL that Holdfast runs on, alone.
 * With {@code --durable} it keeps PostgreSQL's defaults (commits flushed to disk), as a ticket
 * shop's production database runs; without, the embedded settings (no flushing). Prints its
 * URL, then runs until its standard input closes or the process is told to stop.
 */
public final class BaselinePostgres {
  private BaselinePostgres() {}

  public static void main(String[] args) throws IOException {
    boolean durable = args.length > 0 && args[0].equals("--durable");
    PostgresServer server = PostgresServer.start(durable);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("URL " + server.url());
    System.out.flush();
    while (System.in.read() >= 0) {
      // waits for the benchmark script to close our input
    }
    server.close();
  }
}
