/** A binary max-heap over a comparison (`before(a, b)`: a comes out first). */
export interface MaxHeap<T> {
  push(item: T): void;
  pop(): T | undefined;
  readonly size: number;
}

/** Creates an empty heap. */
export function createMaxHeap<T>(before: (a: T, b: T) => boolean): MaxHeap<T> {
  const items: T[] = [];
  const swap = (i: number, j: number) => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  return {
    get size() {
      return items.length;
    },
    push(item) {
      items.push(item);
      let i = items.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!before(items[i]!, items[p]!)) break;
        swap(i, p);
        i = p;
      }
    },
    pop() {
      if (items.length === 0) return undefined;
      const top = items[0]!;
      const last = items.pop()!;
      if (items.length > 0) {
        items[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < items.length && before(items[l]!, items[m]!)) m = l;
          if (r < items.length && before(items[r]!, items[m]!)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top;
    },
  };
}
