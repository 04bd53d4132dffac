/** Grouping records that share any identity key (union-find), and chunking. Pure helpers. */

/** Groups of item indexes; two items share a group when a chain of shared keys links them. In first-seen order. */
export function groupByKeys(keysOf: readonly (readonly string[])[]): number[][] {
  const parent = keysOf.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const owner = new Map<string, number>();
  keysOf.forEach((keys, i) => {
    for (const key of keys) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, i);
      else {
        const a = find(other);
        const b = find(i);
        // The earlier item stays the root so groups come out in first-seen order.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, number[]>();
  keysOf.forEach((_, i) => {
    const root = find(i);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = []));
    group.push(i);
  });
  return [...groups.values()];
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

export function nowIso(): string {
  return new Date().toISOString();
}
