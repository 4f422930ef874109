import { execute, GraphQLRequestError, ServerUnreachableError } from '../client/execute';
import { subscribe } from '../client/subscribe';
import {
  ExplorerAsOfDocument,
  ExplorerEntityChangedDocument,
  ExplorerLatestRevisionDocument,
  ExplorerRelationChangedDocument,
  ExplorerRevisionAtDocument,
} from '../gql/graphql';
import { toEntity, toRelation, type EntityData, type RelationData } from './model';

/** What the explorer's drawing offers the live updates: what is drawn, and how to change it in place. */
export interface LiveView {
  /** The drawn entities' ids (what the explorer subscribes to). */
  drawnEntityIds(): string[];
  drawnRelationIds(): string[];
  /** A drawn entity changed, or a new one came with a relation: update or add it, and highlight it briefly. */
  upsertEntity(entity: EntityData, near?: string): void;
  upsertRelation(relation: RelationData): void;
  /** Gone: fade it out. */
  fadeOut(id: string): void;
  /** The history slider: show the drawn graph as it stood (null: not there then), or live again (undefined). */
  showAsOf(state: Map<string, EntityData | RelationData | null> | undefined): void;
  setStatus(text: string): void;
  showError(error: unknown): void;
}

/** The server's cap on the ids of one subscription; beyond it the explorer hears every change and keeps what it draws. */
const MAX_IDS = 1000;
/** The server's cap on nodes(ids:). */
const NODES_PAGE = 100;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * The explorer lives: it reads where the change feed stands before drawing, subscribes to changes of what it
 * draws since then (entityChanged and relationChanged with the drawn ids, over the shared graphql-ws socket),
 * and subscribes again — since the last revision it heard — whenever what it draws changes, so no change falls
 * between two subscriptions. The history slider walks the revisions: the drawn graph as of each.
 */
export class Live {
  /** The last revision each subscription heard (they run apart: one may be ahead of the other). */
  private since: { entity: number; relation: number } | null = null;
  private latest = 0;
  private stops: Array<() => void> = [];
  private resubscribeTimer: number | undefined;
  private asOf: number | null = null;
  private asOfRequest = 0;

  constructor(private readonly view: LiveView) {
    const slider = $<HTMLInputElement>('as-of');
    slider.addEventListener('input', () => this.renderSliderLabel(Number(slider.value)));
    slider.addEventListener('change', () => void this.goTo(Number(slider.value)));
    $('as-of-live').addEventListener('click', () => void this.goTo(this.latest));
  }

  /** Where the feed stands now: call before loading what will be drawn. */
  async start(): Promise<void> {
    try {
      const data = await execute(ExplorerLatestRevisionDocument);
      const latest = data.latestRevision?.number ?? 0;
      this.since = { entity: latest, relation: latest };
      this.setLatest(latest);
    } catch (error) {
      this.setState('offline', 'offline');
      throw error;
    }
  }

  /** What is drawn changed: subscribe again for the new set (soon, once for a burst of changes). */
  drawnChanged(): void {
    window.clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = window.setTimeout(() => this.resubscribe(), 50);
  }

  private resubscribe(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    if (this.since === null) return;
    const drawn = this.view.drawnEntityIds();
    if (drawn.length === 0) {
      this.setState('live', 'live');
      return;
    }
    const ids = drawn.length <= MAX_IDS ? drawn : null; // more: hear everything, keep what is drawn
    const { entity: entitySince, relation: relationSince } = this.since;
    const error = (e: unknown) => this.failed(e);
    this.stops.push(
      subscribe(ExplorerEntityChangedDocument, { ids, since: entitySince }, {
        next: ({ entityChanged: change }) => {
          // Replaying history: not applied (nor counted as heard), so subscribing again on the way back replays it.
          if (!this.heard('entity', change.revision.number)) return;
          if (change.action === 'DELETE' || !change.entity) {
            this.view.fadeOut(change.revision.subjectId);
          } else if (ids !== null || this.view.drawnEntityIds().includes(change.entity.id)) {
            this.view.upsertEntity(toEntity(change.entity));
          }
        },
        error,
      }),
      subscribe(ExplorerRelationChangedDocument, { ids, since: relationSince }, {
        next: ({ relationChanged: change }) => {
          if (!this.heard('relation', change.revision.number)) return;
          const r = change.relation;
          if (change.action === 'DELETE' || !r) {
            this.view.fadeOut(change.revision.subjectId);
            return;
          }
          const drawnIds = new Set(this.view.drawnEntityIds());
          if (!drawnIds.has(r.from.id) && !drawnIds.has(r.to.id)) return;
          // A relation to something not drawn yet brings it along, next to the end that is drawn.
          if (!drawnIds.has(r.from.id)) this.view.upsertEntity(toEntity(r.from), r.to.id);
          if (!drawnIds.has(r.to.id)) this.view.upsertEntity(toEntity(r.to), r.from.id);
          this.view.upsertRelation(toRelation(r));
        },
        error,
      }),
    );
    this.setState('live', 'live');
  }

  /** Notes a change's revision; false while the slider shows the past (the change waits until the way back). */
  private heard(stream: 'entity' | 'relation', revision: number): boolean {
    if (revision > this.latest) this.setLatest(revision);
    if (this.asOf !== null || this.since === null) return false;
    this.since[stream] = Math.max(this.since[stream], revision);
    return true;
  }

  private failed(error: unknown): void {
    this.setState('offline', 'offline');
    this.view.showError(error instanceof GraphQLRequestError || error instanceof ServerUnreachableError ? error : new Error(String(error)));
  }

  // ---- the history slider ---------------------------------------------------------------------------

  private setLatest(number: number): void {
    const slider = $<HTMLInputElement>('as-of');
    const atLatest = this.asOf === null;
    this.latest = number;
    slider.max = String(number);
    slider.min = String(Math.min(1, number));
    slider.disabled = number === 0;
    if (atLatest) slider.value = String(number);
    this.renderSliderLabel(Number(slider.value));
  }

  private renderSliderLabel(number: number): void {
    const label = number >= this.latest ? 'now' : `revision ${number} of ${this.latest}`;
    $('as-of-label').textContent = label;
    $('as-of').setAttribute('aria-valuetext', label);
  }

  /** Shows the drawn graph as of revision <number> (or live again at the latest). */
  async goTo(number: number): Promise<void> {
    const request = ++this.asOfRequest;
    const slider = $<HTMLInputElement>('as-of');
    slider.value = String(number);
    this.renderSliderLabel(number);
    if (number >= this.latest) {
      this.asOf = null;
      $('as-of-live').hidden = true;
      this.view.showAsOf(undefined);
      this.setState('live', 'live');
      this.drawnChanged(); // since the last change heard: what happened while replaying comes now
      return;
    }
    this.asOf = number;
    $('as-of-live').hidden = false;
    try {
      const revision = (await execute(ExplorerRevisionAtDocument, { number })).revision;
      if (!revision || request !== this.asOfRequest) return;
      const ids = [...this.view.drawnEntityIds(), ...this.view.drawnRelationIds()];
      const state = new Map<string, EntityData | RelationData | null>();
      for (let i = 0; i < ids.length; i += NODES_PAGE) {
        const page = ids.slice(i, i + NODES_PAGE);
        const data = await execute(ExplorerAsOfDocument, { ids: page, asOf: revision.at });
        if (request !== this.asOfRequest) return;
        data.nodes.forEach((node, index) => {
          if (!node) state.set(page[index], null);
          else if ('from' in node) state.set(node.id, toRelation(node));
          else if ('kind' in node) state.set(node.id, toEntity(node));
        });
      }
      this.view.showAsOf(state);
      this.setState('history', `as of revision ${revision.number}`);
      this.view.setStatus(`The drawn graph as of revision ${revision.number} (${revision.at.slice(0, 16).replace('T', ' ')}, ${revision.action.toLowerCase()} by ${revision.actor}).`);
    } catch (error) {
      this.view.showError(error);
    }
  }

  private setState(state: 'live' | 'history' | 'offline', text: string): void {
    const element = $('live-state');
    if (this.asOf !== null && state === 'live') return;
    element.dataset.state = state;
    element.textContent = text;
  }
}
