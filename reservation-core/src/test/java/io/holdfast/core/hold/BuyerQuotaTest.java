package io.holdfast.core.hold;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.contracts.hold.HoldKey;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BuyerQuotaTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final int MAX = 100;

  @Test
  @DisplayName("the cap counts active holds, not tickets, and refuses the hold past it")
  void capCountsHolds() {
    BuyerQuota quota = new BuyerQuota();
    assertThat(quota.reserve(1, 1, 5, MAX, 2, NOW + 60_000, NOW)).isEqualTo(95);
    assertThat(quota.reserve(1, 2, 5, MAX, 2, NOW + 90_000, NOW)).isEqualTo(90);
    assertThat(quota.reserve(1, 3, 1, MAX, 2, NOW + 60_000, NOW)).isEqualTo(BuyerQuota.OVER_CAP);
    assertThat(quota.firstLapse(NOW)).isEqualTo(NOW + 60_000);
    // without a cap (a partner) the same allowance takes more holds
    assertThat(quota.reserve(1, 4, 1, MAX, 0, NOW + 60_000, NOW)).isEqualTo(89);
  }

  @Test
  @DisplayName("a released, confirmed or lapsed hold frees its place under the cap")
  void placesComeBack() {
    BuyerQuota quota = new BuyerQuota();
    quota.reserve(1, 1, 1, MAX, 2, NOW + 60_000, NOW);
    quota.reserve(1, 2, 1, MAX, 2, NOW + 120_000, NOW);
    quota.release(1, 1);
    assertThat(quota.reserve(1, 3, 1, MAX, 2, NOW + 60_000, NOW)).isEqualTo(98);
    quota.confirm(1, 3, 1);
    assertThat(quota.reserve(1, 4, 1, MAX, 2, NOW + 60_000, NOW)).isEqualTo(97);
    assertThat(quota.reserve(1, 5, 1, MAX, 2, NOW + 60_000, NOW)).isEqualTo(BuyerQuota.OVER_CAP);
    // the hold ending at NOW + 60 s has lapsed a minute later: its place is free
    assertThat(quota.reserve(1, 5, 1, MAX, 2, NOW + 180_000, NOW + 61_000)).isEqualTo(97);
  }

  @Test
  @DisplayName("the purchase limit is checked before the cap")
  void limitFirst() {
    BuyerQuota quota = new BuyerQuota();
    quota.reserve(1, 1, 3, 4, 1, NOW + 60_000, NOW);
    assertThat(quota.reserve(1, 2, 2, 4, 1, NOW + 60_000, NOW)).isEqualTo(-1 - 1);
    assertThat(quota.reserve(1, 2, 1, 4, 1, NOW + 60_000, NOW)).isEqualTo(BuyerQuota.OVER_CAP);
  }

  @Test
  @DisplayName("a book answers a refusal for the cap with the seconds until the first hold lapses")
  void bookEncodesTheWait() {
    assertThat(HoldBook.overCap(0)).isFalse();
    assertThat(HoldBook.overCap(-1 - 100)).isFalse();
    HoldBook book = new HoldBook();
    HoldRecord first = record(1, NOW + 45_500);
    assertThat(book.place(first, MAX, 1, NOW)).isEqualTo(99);
    int refused = book.place(record(2, NOW + 300_000), MAX, 1, NOW);
    assertThat(HoldBook.overCap(refused)).isTrue();
    assertThat(HoldBook.retrySeconds(refused)).isEqualTo(46);
  }

  @Test
  @DisplayName("a book confirms a hold that no longer counts only within the limit, and "
      + "forgets an evicted event's holds and allowances, sold ones included")
  void bookConfirmsWithinTheLimitAndEvicts() {
    HoldBook book = new HoldBook();
    HoldRecord released = record(1, NOW + 60_000);
    assertThat(book.place(released, 2, 0, NOW)).isEqualTo(1);
    book.transition(released.key(), HoldRecord.RELEASED, null, new String[] {HoldRecord.ACTIVE});
    assertThat(book.place(record(2, NOW + 60_000), 2, 0, NOW)).isEqualTo(1);
    assertThat(book.place(record(3, NOW + 60_000), 2, 0, NOW)).isEqualTo(0);
    String[] payable = {HoldRecord.ACTIVE, HoldRecord.RELEASED};
    assertThat(book.transition(released.key(), HoldRecord.CONFIRMED, null, payable, 2, NOW)
        .status()).isEqualTo(HoldRecord.FORFEITED);
    assertThat(book.transition(record(2, 0).key(), HoldRecord.CONFIRMED, null, payable, 2, NOW)
        .status()).isEqualTo(HoldRecord.CONFIRMED);

    assertThat(book.evict("e-1")).isEqualTo(3);
    assertThat(book.hold(record(2, 0).key())).isNull();
    assertThat(book.place(record(4, NOW + 60_000), 2, 0, NOW)).as("a fresh allowance")
        .isEqualTo(1);
  }

  private static HoldRecord record(long lo, long expiresAt) {
    return new HoldRecord(new HoldKey(7, lo | Long.MIN_VALUE), "e-1",
        "b-1", null, "GA", 1, 1000, "EUR", NOW, expiresAt, new int[] {0, 0, 1}, null, null);
  }
}
