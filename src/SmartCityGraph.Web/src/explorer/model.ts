import type { NodeKind, RelationType } from '../gql/graphql';

/** What the explorer keeps about an entity. Dates are ISO strings ("2021-03-01"); an interval may be open. */
export interface EntityData {
  id: string;
  kind: NodeKind;
  title: string;
  /** Event type, organisation type, … (what sort of thing within its kind). */
  subtype?: string | null;
  start?: string | null;
  end?: string | null;
}

export interface RelationData {
  id: string;
  type: RelationType;
  role?: string | null;
  from: string;
  to: string;
  validFrom?: string | null;
  validTo?: string | null;
}

/** The fields every variant of the ExplorerEntity fragment may carry. */
export interface EntityFields {
  id: string;
  kind: NodeKind;
  title: string;
  eventStart?: string | null;
  eventEnd?: string | null;
  eventType?: string | null;
  phaseStart?: string | null;
  phaseEnd?: string | null;
  pilotStart?: string | null;
  pilotEnd?: string | null;
  adoptedOn?: string | null;
  organisationType?: string | null;
}

export function toEntity(e: EntityFields): EntityData {
  const start = e.eventStart ?? e.phaseStart ?? e.pilotStart ?? e.adoptedOn ?? null;
  const end = e.eventEnd ?? e.phaseEnd ?? e.pilotEnd ?? (e.adoptedOn ? e.adoptedOn : null);
  return { id: e.id, kind: e.kind, title: e.title, subtype: e.eventType ?? e.organisationType ?? null, start, end };
}

export interface RelationFields {
  id: string;
  type: RelationType;
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  from: { id: string };
  to: { id: string };
}

export function toRelation(r: RelationFields): RelationData {
  return { id: r.id, type: r.type, role: r.role, from: r.from.id, to: r.to.id, validFrom: r.validFrom, validTo: r.validTo };
}

export interface KindStyle {
  label: string;
  colour: string;
  shape: 'star' | 'round-rectangle' | 'ellipse' | 'diamond' | 'hexagon' | 'round-triangle' | 'barrel';
  size: number;
}

/** Colour (Okabe–Ito, safe for colour blindness) and shape per kind: the legend and the graph share it. */
export const kindStyles: Record<NodeKind, KindStyle> = {
  STRATEGY: { label: 'Strategy', colour: '#0072B2', shape: 'star', size: 38 },
  PHASE: { label: 'Phase', colour: '#009E73', shape: 'round-rectangle', size: 32 },
  EVENT: { label: 'Event', colour: '#E69F00', shape: 'ellipse', size: 18 },
  ORGANISATION: { label: 'Organisation', colour: '#CC79A7', shape: 'diamond', size: 28 },
  PILOT: { label: 'Pilot', colour: '#D55E00', shape: 'hexagon', size: 34 },
  STRATEGY_ELEMENT: { label: 'Strategy element', colour: '#56B4E9', shape: 'round-triangle', size: 22 },
  PARTICIPATION_STRAND: { label: 'Participation strand', colour: '#F0E442', shape: 'barrel', size: 26 },
};

export const allKinds = Object.keys(kindStyles) as NodeKind[];

export const allRelationTypes: RelationType[] = [
  'ORGANISES', 'HOSTS', 'COMMISSIONS', 'COORDINATES', 'FUNDS', 'LEADS',
  'PARTNER_IN', 'PART_OF', 'PRODUCED_IN', 'INFORMS', 'CONCERNS', 'MEMBER_OF',
];

/** "PARTNER_IN" → "partner in". */
export const humanise = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/** Does [start, end] (either may be open) overlap [from, to]? Undated things always do. */
export function overlaps(start: string | null | undefined, end: string | null | undefined, from: string, to: string): boolean {
  if (!start && !end) return true;
  const s = start ?? end!;
  const e = end ?? start!;
  return s <= to && e >= from;
}
