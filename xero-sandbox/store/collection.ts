/**
 * Records of one kind in one organisation, kept in Xero's default order (UpdatedDateUTC, then id)
 * for paging. The sorted view is rebuilt only after a write, so a 50,000-record page read costs a
 * slice, not a sort.
 */
export class Collection<T extends { UpdatedDateUTC: number }> {
  private readonly byId = new Map<string, T>();
  private sorted: T[] | null = null;
  /** Bumped on every write, so derived indexes know when to rebuild. */
  version = 0;

  constructor(private readonly idOf: (record: T) => string) {}

  get(id: string): T | undefined {
    return this.byId.get(id.toLowerCase());
  }

  put(record: T): T {
    this.byId.set(this.idOf(record).toLowerCase(), record);
    this.sorted = null;
    this.version++;
    return record;
  }

  /** Call after changing a record in place. */
  touched(): void {
    this.sorted = null;
    this.version++;
  }

  get size(): number {
    return this.byId.size;
  }

  all(): T[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) => a.UpdatedDateUTC - b.UpdatedDateUTC || (this.idOf(a) < this.idOf(b) ? -1 : 1));
    return this.sorted;
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }
}
