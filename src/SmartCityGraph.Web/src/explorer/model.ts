import type { NodeKind, RelationType } from '../gql/graphql';
import type { Language } from '../language';

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
  seriesStart?: string | null;
  seriesEnd?: string | null;
  seriesType?: string | null;
  resultType?: string | null;
}

export function toEntity(e: EntityFields): EntityData {
  const start = e.eventStart ?? e.phaseStart ?? e.pilotStart ?? e.seriesStart ?? e.adoptedOn ?? null;
  const end = e.eventEnd ?? e.phaseEnd ?? e.pilotEnd ?? e.seriesEnd ?? (e.adoptedOn ? e.adoptedOn : null);
  const subtype = e.eventType ?? e.organisationType ?? e.seriesType ?? e.resultType ?? null;
  return { id: e.id, kind: e.kind, title: e.title, subtype, start, end };
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
  /** The legend's name of the kind, in each language of the page. */
  label: Record<Language, string>;
  colour: string;
  shape: 'star' | 'round-rectangle' | 'ellipse' | 'diamond' | 'hexagon' | 'round-triangle' | 'barrel' | 'rectangle' | 'pentagon' | 'tag' | 'octagon' | 'vee';
  size: number;
}

/**
 * Colour and shape per kind: the legend and the graph share it. The first seven colours are Okabe–Ito's, the
 * rest Paul Tol's (both safe for colour blindness); every kind has a shape of its own, so none relies on colour.
 */
export const kindStyles: Record<NodeKind, KindStyle> = {
  STRATEGY: { label: { en: 'Strategy', de: 'Strategie' }, colour: '#0072B2', shape: 'star', size: 38 },
  PHASE: { label: { en: 'Phase', de: 'Phase' }, colour: '#009E73', shape: 'round-rectangle', size: 32 },
  EVENT: { label: { en: 'Event', de: 'Termin' }, colour: '#E69F00', shape: 'ellipse', size: 18 },
  ORGANISATION: { label: { en: 'Organisation', de: 'Organisation' }, colour: '#CC79A7', shape: 'diamond', size: 28 },
  PILOT: { label: { en: 'Pilot', de: 'Pilotprojekt' }, colour: '#D55E00', shape: 'hexagon', size: 34 },
  STRATEGY_ELEMENT: { label: { en: 'Strategy element', de: 'Strategieelement' }, colour: '#56B4E9', shape: 'round-triangle', size: 22 },
  PARTICIPATION_STRAND: { label: { en: 'Participation strand', de: 'Beteiligungsstrang' }, colour: '#F0E442', shape: 'barrel', size: 26 },
  RESULT: { label: { en: 'Result', de: 'Ergebnis' }, colour: '#332288', shape: 'pentagon', size: 30 },
  DOCUMENT: { label: { en: 'Document', de: 'Dokument' }, colour: '#888888', shape: 'rectangle', size: 24 },
  TERM: { label: { en: 'Term', de: 'Begriff' }, colour: '#88CCEE', shape: 'tag', size: 24 },
  SERIES: { label: { en: 'Series', de: 'Reihe' }, colour: '#882255', shape: 'vee', size: 26 },
  COLLECTION: { label: { en: 'Part of the store', de: 'Teil des Wissensspeichers' }, colour: '#44AA99', shape: 'octagon', size: 26 },
};

export const allKinds = Object.keys(kindStyles) as NodeKind[];

/** Every relation type, with how it reads in each language of the page (from → to). */
export const relationLabels: Record<RelationType, Record<Language, string>> = {
  ORGANISES: { en: 'organises', de: 'organisiert' },
  HOSTS: { en: 'hosts', de: 'richtet aus' },
  COMMISSIONS: { en: 'commissions', de: 'beauftragt' },
  COORDINATES: { en: 'coordinates', de: 'koordiniert' },
  FUNDS: { en: 'funds', de: 'fördert' },
  LEADS: { en: 'leads', de: 'leitet' },
  PARTNER_IN: { en: 'partner in', de: 'Partner in' },
  PART_OF: { en: 'part of', de: 'Teil von' },
  PRODUCED_IN: { en: 'produced in', de: 'entstanden in' },
  INFORMS: { en: 'informs', de: 'fließt ein in' },
  CONCERNS: { en: 'concerns', de: 'betrifft' },
  MEMBER_OF: { en: 'member of', de: 'Mitglied von' },
  PRESENTS: { en: 'presents', de: 'stellt vor' },
  CONTRIBUTES_TO: { en: 'contributes to', de: 'trägt bei zu' },
  SELECTS: { en: 'selects', de: 'wählt aus' },
  PUBLISHES: { en: 'publishes', de: 'veröffentlicht' },
};

export const allRelationTypes = Object.keys(relationLabels) as RelationType[];

/** "PARTNER_IN" → "partner in": for values without a label of their own (event and organisation types). */
export const humanise = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/** Does [start, end] (either may be open) overlap [from, to]? Undated things always do. */
export function overlaps(start: string | null | undefined, end: string | null | undefined, from: string, to: string): boolean {
  if (!start && !end) return true;
  const s = start ?? end!;
  const e = end ?? start!;
  return s <= to && e >= from;
}
