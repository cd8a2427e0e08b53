package io.holdfast.support.db;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * A status kept in a PostgreSQL text column: an enum's constant is stored as its own name in
 * lower case ({@code ON_SALE} is {@code on_sale}), the spelling the schema's check constraints
 * list. Statements name statuses through {@link #sql()} so their text stays constant (prepared
 * once) and no status is spelled by hand.
 */
public interface Stored {
  String name();

  /** The value in the column. */
  default String stored() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value as a literal of a statement: {@code 'on_sale'}. */
  default String sql() {
    return "'" + stored() + "'";
  }

  /** Literals for {@code in (...)}: {@code 'on_sale', 'sold_out'}. */
  static String sql(Stored... values) {
    StringJoiner list = new StringJoiner(", ");
    for (Stored v : values) {
      list.add(v.sql());
    }
    return list.toString();
  }

  /** The constant stored as {@code value}; null for null, and an unknown value is an error. */
  static <E extends Enum<E> & Stored> E parse(E[] values, String value) {
    if (value == null) {
      return null;
    }
    for (E e : values) {
      if (e.stored().equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown stored status " + value);
  }
}
