import { execute, type ExecuteOptions } from '../client/execute';
import { acceptLanguage, type Language } from '../language';
import {
  ExplorerDetailsDocument,
  ExplorerEntitiesDocument,
  ExplorerNeighbourhoodDocument,
  ExplorerOutgoingRelationsDocument,
  ExplorerGraphDocument,
  ExplorerPathsDocument,
  ExplorerSearchDocument,
  ExplorerTitlesDocument,
  type ExplorerDetailsQuery,
  type ExplorerEntitiesQueryVariables,
  type NodeKind,
  type RelationType,
} from '../gql/graphql';
import { toEntity, toRelation, type EntityData, type RelationData } from './model';

/** The largest page the server allows (Limits: pages of at most 100). */
export const PAGE = 100;

const connections = [
  'strategies', 'phases', 'events', 'organisations', 'pilots', 'strategyElements', 'participationStrands',
  'documents', 'results', 'terms', 'collections', 'series',
] as const;
type ConnectionName = (typeof connections)[number];

let language: Language = 'en';

/** Titles and summaries come in this language where the sources give one (the server reads Accept-Language). */
export function setLanguage(value: Language) {
  language = value;
}

const options = (): ExecuteOptions => ({ headers: acceptLanguage(language) });

export interface Subgraph {
  nodes: EntityData[];
  relations: RelationData[];
}

/** How many entities the whole graph has (one cheap request: the first page's totalCounts). */
export async function countEntities(): Promise<number> {
  const variables = { first: 1 } as ExplorerEntitiesQueryVariables;
  for (const name of connections) variables[name] = true;
  const data = await execute(ExplorerEntitiesDocument, variables, options());
  return connections.reduce((sum, name) => sum + (data[name]?.totalCount ?? 0), 0);
}

/** Every entity, kind by kind and page by page, then every relation (as its source's outgoing one). */
export async function loadWholeGraph(progress: (entities: number, relations?: number) => void, limit = Infinity): Promise<Subgraph> {
  const nodes: EntityData[] = [];
  const after = new Map<ConnectionName, string | null | undefined>(connections.map((c) => [c, undefined]));
  while (after.size > 0 && nodes.length < limit) {
    const variables = { first: PAGE } as ExplorerEntitiesQueryVariables;
    for (const name of connections) {
      variables[name] = after.has(name);
      variables[`${name}After`] = after.get(name) ?? null;
    }
    const data = await execute(ExplorerEntitiesDocument, variables, options());
    for (const name of connections) {
      const page = data[name];
      if (!after.has(name) || !page) continue;
      nodes.push(...page.nodes.map(toEntity));
      if (page.pageInfo.hasNextPage) after.set(name, page.pageInfo.endCursor);
      else after.delete(name);
    }
    progress(nodes.length);
  }
  const kept = nodes.slice(0, limit);
  const keptIds = new Set(kept.map((n) => n.id));
  const relations = new Map<string, RelationData>();
  for (let i = 0; i < kept.length; i += PAGE) {
    const ids = kept.slice(i, i + PAGE).map((n) => n.id);
    const data = await execute(ExplorerOutgoingRelationsDocument, { ids, first: PAGE }, options());
    for (const node of data.nodes) {
      if (!hasRelations(node)) continue;
      for (const r of node.relations.nodes) relations.set(r.id, toRelation(r));
      if (node.relations.pageInfo.hasNextPage) {
        // A hub with more than a page of outgoing relations: page through it on its own.
        const more = await neighbourhood(node.id, 'OUT', node.relations.pageInfo.endCursor);
        for (const r of more.relations) relations.set(r.id, r);
      }
    }
    progress(kept.length, relations.size);
  }
  return { nodes: kept, relations: [...relations.values()].filter((r) => keptIds.has(r.from) && keptIds.has(r.to)) };
}

/** `node(id:)` may also name a relation or a revision; the explorer draws entities, which have relations. */
function hasRelations<T>(node: T | null | undefined): node is Extract<T, { relations: unknown }> {
  return typeof node === 'object' && node !== null && 'relations' in node;
}

/** An entity, its relations (both directions unless told) and the entities at their other ends, every page. */
export async function neighbourhood(id: string, direction: 'BOTH' | 'OUT' | 'IN' = 'BOTH', startAfter?: string | null): Promise<Subgraph & { total: number }> {
  const nodes = new Map<string, EntityData>();
  const relations = new Map<string, RelationData>();
  let after = startAfter ?? null;
  let total = 0;
  for (;;) {
    const data = await execute(ExplorerNeighbourhoodDocument, { id, direction, first: PAGE, after }, options());
    const node = data.node;
    if (!hasRelations(node)) throw new NotFoundError(id);
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
  const data = await execute(ExplorerDetailsDocument, { id }, options());
  if (!data.node) throw new NotFoundError(id);
  return data.node;
}

export interface SearchResult {
  entity: EntityData;
  score: number;
  /** A snippet with the matched words between « and ». */
  highlight?: string | null;
}

/** Ranked full-text search on the server (German-aware), optionally only some kinds. */
export async function search(query: string, kinds?: NodeKind[], first = 20): Promise<{ total: number; hits: SearchResult[] }> {
  const data = await execute(ExplorerSearchDocument, { query, kinds: kinds ?? null, first }, options());
  const connection = data.search;
  return {
    total: connection?.totalCount ?? 0,
    hits: (connection?.nodes ?? []).map((hit) => ({ entity: toEntity(hit.entity), score: hit.score, highlight: hit.highlight })),
  };
}

/** The most entities one graph() call returns (the server's cap). */
export const GRAPH_LIMIT = 1000;

/** The entities within `depth` relations of the given ones, and the relations between them (server-side walk). */
export async function graph(ids: string[], depth = 1, types?: RelationType[]): Promise<Subgraph & { truncated: boolean }> {
  const data = await execute(ExplorerGraphDocument, { ids, depth, limit: GRAPH_LIMIT, types: types ?? null }, options());
  if (data.graph.nodes.length === 0) throw new NotFoundError(ids.join(', '));
  return { nodes: data.graph.nodes.map(toEntity), relations: data.graph.relations.map(toRelation), truncated: data.graph.truncated };
}

export interface PathData extends Subgraph {
  length: number;
}

/** The shortest connections between two entities (walked in either direction), shortest first; empty when none within maxHops. */
export async function paths(from: string, to: string, maxHops = 6, first = 1, types?: RelationType[]): Promise<PathData[]> {
  const data = await execute(ExplorerPathsDocument, { from, to, maxHops, first, types: types ?? null }, options());
  return data.paths.map((p) => ({ length: p.length, nodes: p.nodes.map(toEntity), relations: p.relations.map(toRelation) }));
}

/** The titles of these entities in the current language, by id (a page of at most 100 ids per request). */
export async function titles(ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const data = await execute(ExplorerTitlesDocument, { ids: ids.slice(i, i + PAGE) }, options());
    for (const node of data.nodes) if (node && 'title' in node) found.set(node.id, node.title);
  }
  return found;
}

/** The server knows no entity with this id. */
export class NotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No entity with id ${id} exists.`);
    this.name = 'NotFoundError';
  }
}
