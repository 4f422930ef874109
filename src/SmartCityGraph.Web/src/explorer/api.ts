import { execute } from '../client/execute';
import {
  ExplorerDetailsDocument,
  ExplorerEntitiesDocument,
  ExplorerNeighbourhoodDocument,
  ExplorerOutgoingRelationsDocument,
  ExplorerTitleSearchDocument,
  type ExplorerDetailsQuery,
  type ExplorerEntitiesQueryVariables,
} from '../gql/graphql';
import { toEntity, toRelation, type EntityData, type RelationData } from './model';

/** The largest page the server allows (Limits: pages of at most 100). */
export const PAGE = 100;

const connections = ['strategies', 'phases', 'events', 'organisations', 'pilots', 'strategyElements', 'participationStrands'] as const;
type ConnectionName = (typeof connections)[number];

export interface Subgraph {
  nodes: EntityData[];
  relations: RelationData[];
}

/** How many entities the whole graph has (one cheap request: the first page's totalCounts). */
export async function countEntities(): Promise<number> {
  const variables = { first: 1 } as ExplorerEntitiesQueryVariables;
  for (const name of connections) variables[name] = true;
  const data = await execute(ExplorerEntitiesDocument, variables);
  return connections.reduce((sum, name) => sum + (data[name]?.totalCount ?? 0), 0);
}

/** Every entity, kind by kind and page by page, then every relation (as its source's outgoing one). */
export async function loadWholeGraph(progress: (message: string) => void, limit = Infinity): Promise<Subgraph> {
  const nodes: EntityData[] = [];
  const after = new Map<ConnectionName, string | null | undefined>(connections.map((c) => [c, undefined]));
  while (after.size > 0 && nodes.length < limit) {
    const variables = { first: PAGE } as ExplorerEntitiesQueryVariables;
    for (const name of connections) {
      variables[name] = after.has(name);
      variables[`${name}After`] = after.get(name) ?? null;
    }
    const data = await execute(ExplorerEntitiesDocument, variables);
    for (const name of connections) {
      const page = data[name];
      if (!after.has(name) || !page) continue;
      nodes.push(...page.nodes.map(toEntity));
      if (page.pageInfo.hasNextPage) after.set(name, page.pageInfo.endCursor);
      else after.delete(name);
    }
    progress(`Loaded ${nodes.length} entities…`);
  }
  const kept = nodes.slice(0, limit);
  const keptIds = new Set(kept.map((n) => n.id));
  const relations = new Map<string, RelationData>();
  for (let i = 0; i < kept.length; i += PAGE) {
    const ids = kept.slice(i, i + PAGE).map((n) => n.id);
    const data = await execute(ExplorerOutgoingRelationsDocument, { ids, first: PAGE });
    for (const node of data.nodes) {
      if (!node || !('relations' in node)) continue;
      for (const r of node.relations.nodes) relations.set(r.id, toRelation(r));
      if (node.relations.pageInfo.hasNextPage) {
        // A hub with more than a page of outgoing relations: page through it on its own.
        const more = await neighbourhood(node.id, 'OUT', node.relations.pageInfo.endCursor);
        for (const r of more.relations) relations.set(r.id, r);
      }
    }
    progress(`Loaded ${kept.length} entities and ${relations.size} relations…`);
  }
  return { nodes: kept, relations: [...relations.values()].filter((r) => keptIds.has(r.from) && keptIds.has(r.to)) };
}

/** An entity, its relations (both directions unless told) and the entities at their other ends, every page. */
export async function neighbourhood(id: string, direction: 'BOTH' | 'OUT' | 'IN' = 'BOTH', startAfter?: string | null): Promise<Subgraph & { total: number }> {
  const nodes = new Map<string, EntityData>();
  const relations = new Map<string, RelationData>();
  let after = startAfter ?? null;
  let total = 0;
  for (;;) {
    const data = await execute(ExplorerNeighbourhoodDocument, { id, direction, first: PAGE, after });
    const node = data.node;
    if (!node || !('relations' in node)) throw new NotFoundError(id);
    nodes.set(node.id, toEntity(node));
    total = node.relations.totalCount;
    for (const r of node.relations.nodes) {
      relations.set(r.id, toRelation(r));
      nodes.set(r.from.id, toEntity(r.from));
      nodes.set(r.to.id, toEntity(r.to));
    }
    if (!node.relations.pageInfo.hasNextPage) break;
    after = node.relations.pageInfo.endCursor;
  }
  return { nodes: [...nodes.values()], relations: [...relations.values()], total };
}

export type Details = NonNullable<ExplorerDetailsQuery['node']>;

export async function details(id: string): Promise<Details> {
  const data = await execute(ExplorerDetailsDocument, { id });
  if (!data.node) throw new NotFoundError(id);
  return data.node;
}

export interface SearchResult {
  entity: EntityData;
  highlight?: string | null;
}

/** Entities matching the text (titles containing it), best first. */
export async function search(text: string, first = 20): Promise<SearchResult[]> {
  const data = await execute(ExplorerTitleSearchDocument, { text, first });
  const hits: SearchResult[] = [];
  for (const name of connections) for (const n of data[name]?.nodes ?? []) hits.push({ entity: toEntity(n) });
  const lower = text.toLowerCase();
  // Titles that start with the text first, then shorter titles (closer matches) first.
  hits.sort((a, b) => Number(!a.entity.title.toLowerCase().startsWith(lower)) - Number(!b.entity.title.toLowerCase().startsWith(lower)) || a.entity.title.length - b.entity.title.length);
  return hits.slice(0, first);
}

/** The server knows no entity with this id. */
export class NotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No entity with id ${id} exists.`);
    this.name = 'NotFoundError';
  }
}
