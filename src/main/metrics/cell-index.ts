/**
 * Cells of a metric table by group and a small integer (scale, wave, design, band packed by the
 * caller), kept in order of creation: the hot loops over sittings and pairs look a cell up without
 * building a string key per unit, and the table's rows come out in the order a Map keyed by
 * `${group}|...` strings would give.
 */
export class CellIndex<T> {
  private readonly byGroup = new Map<string, Map<number, T>>();
  readonly list: T[] = [];

  /** The cell of (group key, k), made by `make` the first time. */
  get(group: string, k: number, make: () => T): T {
    let m = this.byGroup.get(group);
    if (!m) this.byGroup.set(group, (m = new Map()));
    let cell = m.get(k);
    if (cell === undefined) {
      cell = make();
      m.set(k, cell);
      this.list.push(cell);
    }
    return cell;
  }
}

/** Small integer ids for strings (waves), in order of first use. */
export class Ids {
  private readonly ids = new Map<string, number>();
  of(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) this.ids.set(s, (id = this.ids.size));
    return id;
  }
}
