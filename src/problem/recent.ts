/**
 * A small most-recently-used cache: each thread keeps the last few problems and objectives it
 * built, bounded because every entry holds buffers the size of the data.
 */
export class Recent<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /**
   * The value for `key`, built by `make` on a miss; evicts the least recently used beyond capacity.
   *
   * @example
   * const cache = new Recent<number>(2);
   * cache.get('a', () => 1); // 1, built
   * cache.get('a', () => 2); // 1, remembered
   */
  get(key: string, make: () => V): V {
    let value = this.entries.get(key);
    if (value !== undefined) this.entries.delete(key);
    else value = make();
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
