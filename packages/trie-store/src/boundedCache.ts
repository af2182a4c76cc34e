/**
 * A bounded cache by string key. Two generations approximate LRU at Map speed: hits in the old
 * generation move to the young one, and when the young generation is full the old one is dropped
 * whole. Used for decoded trie nodes (shared by every trie of one node database) and for
 * reference counts (shared by the commits and prunes of one versioned state).
 */

/** Values by key, holding at most `capacity` entries. */
export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  /** Entries held now. */
  size(): number;
}

/** A cache holding between `capacity / 2` and `capacity` recently used entries. */
export function createBoundedCache<V>(capacity: number): BoundedCache<V> {
  const half = Math.max(1, Math.floor(capacity / 2));
  let young = new Map<string, V>();
  let old = new Map<string, V>();
  const set = (key: string, value: V) => {
    if (young.size >= half && !young.has(key)) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };
  return {
    get(key) {
      const hit = young.get(key);
      if (hit !== undefined) return hit;
      const o = old.get(key);
      if (o !== undefined) {
        old.delete(key);
        set(key, o);
      }
      return o;
    },
    set(key, value) {
      old.delete(key);
      set(key, value);
    },
    delete(key) {
      young.delete(key);
      old.delete(key);
    },
    size: () => young.size + old.size,
  };
}
