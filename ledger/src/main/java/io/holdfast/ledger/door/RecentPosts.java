package io.holdfast.ledger.door;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The lists scanners were let scan at in the last second. A door scans at the same list with the
 * same staff thousands of times a second: reading who may scan there once a second, instead of
 * on every scan, takes a third of the door's statements off PostgreSQL. The price: a scanner
 * taken off a list, or a window edited, reaches the door up to a second later. One per edge
 * verticle, used on its event loop only (not thread-safe); bounded.
 */
final class RecentPosts {
  private static final long TTL_NANOS = 1_000_000_000L;
  private static final int MAX = 4096;

  private record Key(UUID listId, UUID userId, boolean admin) {}

  private record Remembered(Door.Post post, long at) {}

  private final Map<Key, Remembered> recent = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Remembered> eldest) {
      return size() > MAX;
    }
  };

  /** The post the scanner was let in to within the last second, or null. */
  Door.Post get(UUID listId, Door.Scanner who) {
    Key key = new Key(listId, who.userId(), who.admin());
    Remembered entry = recent.get(key);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.at() > TTL_NANOS) {
      recent.remove(key);
      return null;
    }
    return entry.post();
  }

  void put(UUID listId, Door.Scanner who, Door.Post post) {
    Key key = new Key(listId, who.userId(), who.admin());
    // Re-inserted, so the eldest entry is the one let in longest ago.
    recent.remove(key);
    recent.put(key, new Remembered(post, System.nanoTime()));
  }
}
