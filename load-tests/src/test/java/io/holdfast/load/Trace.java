package io.holdfast.load;

import io.gatling.javaapi.core.Session;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The answers of a run, one line each, for what Gatling's report does not keep: when each hold,
 * checkout and payment was answered and how, and the hold IDs granted, so that a chaos run can
 * count holds per second around each fault and check afterwards what became of every hold.
 * Lines: {@code epochMillis,step,status,holdId,paymentId,token} (status 0: no answer at all; the
 * token only on granted holds, to read the hold back).
 */
final class Trace implements AutoCloseable {
  private final BufferedWriter out;

  private Trace(BufferedWriter out) {
    this.out = out;
  }

  /** A trace written to {@code file}. */
  static Trace to(Path file) {
    try {
      return new Trace(Files.newBufferedWriter(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace " + file, e);
    }
  }

  /** The trace the {@code trace} property names, or null when it names none. */
  static Trace fromProperty() {
    String file = System.getProperty("trace", "").trim();
    if (file.isEmpty()) {
      return null;
    }
    return to(Path.of(file));
  }

  /** Records the answer the session saved as {@code <step>Status}; the session goes on. */
  Session record(String step, Session session) {
    int status = session.contains(step + "Status") ? session.getInt(step + "Status") : 0;
    String holdId = session.contains("holdId") ? session.getString("holdId") : "";
    String paymentId = session.contains("paymentId") ? session.getString("paymentId") : "";
    String token = "hold".equals(step) && status == 201 ? session.getString("token") : "";
    write(step, status, holdId, paymentId, token);
    return session;
  }

  /** One answer: {@code status} 0 when none came. */
  void write(String step, int status, String holdId, String paymentId, String token) {
    String line = System.currentTimeMillis() + "," + step + "," + status + "," + holdId + ","
        + paymentId + "," + token + "\n";
    synchronized (this) {
      try {
        // Flushed each line: a chaos run stops Gatling when its faults are over.
        out.write(line);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
