// Remembers where recently ingested event ids went, so a repeat is answered, not re-broadcast.

export interface Placement {
  channel: string;
  offset: number;
}

/** Bounded map: the oldest ids are forgotten first once `capacity` is reached. */
export class DedupeIndex {
  private readonly seen = new Map<string, Placement>();

  constructor(private readonly capacity: number) {}

  get(id: string): Placement | undefined {
    return this.seen.get(id);
  }

  set(id: string, placement: Placement): void {
    this.seen.set(id, placement);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
  }
}
