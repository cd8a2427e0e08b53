package io.holdfast.support.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What the repositories do with rows and times over and over. */
public final class Rows {
  private Rows() {}

  /** Every row, mapped, in the order of the result. */
  public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(r -> list.add(map.apply(r)));
    return list;
  }

  /** A time as a {@code timestamptz} parameter. */
  public static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A nullable {@code timestamptz} column as RFC 3339 UTC, or null. */
  public static String time(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
