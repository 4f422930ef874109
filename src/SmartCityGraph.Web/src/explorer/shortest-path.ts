/** Breadth-first shortest path over an undirected view of the given edges; null when the two are not connected. */
export function shortestPath(
  from: string,
  to: string,
  edges: ReadonlyArray<{ id: string; from: string; to: string }>,
): { nodes: string[]; edges: string[] } | null {
  if (from === to) return { nodes: [from], edges: [] };
  const adjacent = new Map<string, Array<{ next: string; edge: string }>>();
  const link = (a: string, b: string, edge: string) => {
    let list = adjacent.get(a);
    if (!list) adjacent.set(a, (list = []));
    list.push({ next: b, edge });
  };
  for (const e of edges) {
    link(e.from, e.to, e.id);
    link(e.to, e.from, e.id);
  }
  const previous = new Map<string, { node: string; edge: string }>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const { next, edge } of adjacent.get(current) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, { node: current, edge });
      if (next === to) {
        const nodes = [to];
        const via: string[] = [];
        for (let step = previous.get(to); step; step = previous.get(step.node)) {
          nodes.unshift(step.node);
          via.unshift(step.edge);
        }
        return { nodes, edges: via };
      }
      queue.push(next);
    }
  }
  return null;
}
