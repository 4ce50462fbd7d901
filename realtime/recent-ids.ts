/**
 * A bounded set of recently seen ids. Ingest is at-least-once (a Kafka replay after a crash,
 * a producer retry), and a host must not get the same reminder twice for one segment.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  /** True the first time an id is seen (while it is remembered). */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // Sets iterate in insertion order: the first entry is the oldest.
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
