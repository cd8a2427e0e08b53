package io.holdfast.load;

import io.holdfast.contracts.hold.CoreClient;
import io.holdfast.contracts.hold.HoldRequest;
import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How much heap a general-admission event's inventory takes in the grid: the heap in use after
 * a full collection, before the event is loaded, once it is loaded, and once every seat is held
 * by a different buyer in holds of {@code quantity} (hold records and buyers' allowances
 * included). Prints one {@code RESULT} line.
 * Usage: {@code InventoryFootprint [seats=100000] [quantity=2]}.
 */
public final class InventoryFootprint {
  private InventoryFootprint() {}

  public static void main(String[] args) throws Exception {
    int seats = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int quantity = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (CoreHarness core = CoreHarness.start()) {
      // Warm the path with a throw-away event first, so code and buffers are not counted.
      fill(core, core.event(10_000, 100), 10_000, quantity);
      long before = usedHeap();
      String eventId = core.event(seats, 100);
      long loaded = usedHeap();
      fill(core, eventId, seats, quantity);
      long held = usedHeap();
      int heldSeats = core.availability(eventId).getInteger("held");
      System.out.printf("RESULT seats=%d quantity=%d held=%d loaded_mb=%.1f held_mb=%.1f "
              + "bytes_per_hold=%.0f%n", seats, quantity, heldSeats, (loaded - before) / 1e6,
          (held - before) / 1e6, (held - loaded) / (double) (heldSeats / quantity));
    }
    System.exit(0);
  }

  /** Holds every seat, a different buyer per hold, a thousand holds at a time. */
  private static void fill(CoreHarness core, String eventId, int seats, int quantity)
      throws Exception {
    CoreClient client = new CoreClient(core.vertx, 30_000);
    int holds = seats / quantity;
    for (int first = 0; first < holds; first += 1000) {
      List<Future<?>> wave = new ArrayList<>();
      for (int i = first; i < Math.min(holds, first + 1000); i++) {
        // Buyers are accounts, named by UUIDs as the edge names them.
        wave.add(client.hold(new HoldRequest(eventId, UUID.randomUUID().toString(), "GA",
            quantity)));
      }
      Future.all(wave).await(60, TimeUnit.SECONDS);
    }
  }

  private static long usedHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
