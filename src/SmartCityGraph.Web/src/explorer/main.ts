import './explorer.css';
import cytoscape, { type Core, type NodeSingular, type ElementDefinition, type NodeCollection, type EdgeCollection } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { GraphQLRequestError, ServerUnreachableError } from '../client/execute';
import type { NodeKind, RelationType } from '../gql/graphql';
import * as api from './api';
import { toGraphML } from './graphml';
import { Live } from './live';
import { allKinds, allRelationTypes, humanise, kindStyles, overlaps, relationLabels, type EntityData, type RelationData } from './model';
import { applyStaticLabels, labels } from './labels';
import { initialLanguage, rememberLanguage, type Language } from '../language';

cytoscape.use(fcose);

const params = new URLSearchParams(window.location.search);

/**
 * Drawing more entities than this at once asks first: the page must never freeze on a large
 * neighbourhood. 300 unless the address says otherwise (`?limit=50`).
 */
const DRAW_LIMIT = Math.max(1, Number(params.get('limit')) || 300);

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- language ---------------------------------------------------------------------------------------

/** The page's language: its labels, and the titles the server gives (where the sources have that language). */
let language: Language = initialLanguage();
const L = () => labels[language];
const kindLabel = (kind: NodeKind) => kindStyles[kind].label[language];
const relationLabel = (type: RelationType) => relationLabels[type][language];
const edgeLabel = (r: RelationData) => relationLabel(r.type) + (r.role ? ` (${r.role})` : '');
const graphElement = $('graph');

// ---- state ------------------------------------------------------------------------------------------

const entities = new Map<string, EntityData>();
const relations = new Map<string, RelationData>();
const shownKinds = new Set<NodeKind>(allKinds);
const shownTypes = new Set<RelationType>(allRelationTypes);
let months: string[] = []; // "YYYY-MM", the timeline's steps
let selectedId: string | null = null;

const cy: Core = cytoscape({
  container: graphElement,
  wheelSensitivity: 0.3,
  minZoom: 0.1,
  maxZoom: 4,
  boxSelectionEnabled: false,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        shape: 'data(shape)' as never,
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': 10,
        'font-family': 'system-ui, sans-serif',
        color: '#1b1b1b',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '120px',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
        'border-width': 1,
        'border-color': '#333333',
      },
    },
    { selector: 'node[kind = "EVENT"]', style: { 'min-zoomed-font-size': 11 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#9aa5b1',
        'target-arrow-color': '#9aa5b1',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        'font-size': 9,
        'text-rotation': 'autorotate',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
      },
    },
    { selector: '.hidden', style: { display: 'none' } },
    // Live updates: a change glows for a moment; the history slider hides what was not there yet.
    { selector: 'node.changed', style: { 'border-width': 6, 'border-color': '#ffb000', 'overlay-color': '#ffd400', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
    { selector: 'edge.changed', style: { width: 4, 'line-color': '#ffb000', 'target-arrow-color': '#ffb000' } },
    { selector: '.absent', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#000000', 'font-weight': 'bold', 'min-zoomed-font-size': 0, 'z-index': 20 } },
    { selector: 'edge.neighbour', style: { 'line-color': '#3d4b59', 'target-arrow-color': '#3d4b59', width: 2, label: 'data(label)' } },
    { selector: 'node.neighbour', style: { 'min-zoomed-font-size': 0 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#c00000', 'min-zoomed-font-size': 0, 'z-index': 30 } },
    {
      selector: 'edge.path',
      style: { 'line-color': '#c00000', 'target-arrow-color': '#c00000', width: 4, label: 'data(label)', 'z-index': 30 },
    },
  ],
});

// ---- drawing ----------------------------------------------------------------------------------------

const truncate = (text: string, max = 40) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

function nodeDefinition(e: EntityData, near?: { x: number; y: number }): ElementDefinition {
  const style = kindStyles[e.kind];
  return {
    group: 'nodes',
    data: { id: e.id, label: truncate(e.title), kind: e.kind, colour: style.colour, shape: style.shape, size: style.size },
    position: near ? { x: near.x + (Math.random() - 0.5) * 120, y: near.y + (Math.random() - 0.5) * 120 } : undefined,
  };
}

/** Adds what is not drawn yet (asking first when it is a lot); returns false when the user declined. */
async function draw(sub: api.Subgraph, around?: string): Promise<boolean> {
  let fresh = sub.nodes.filter((n) => !entities.has(n.id));
  if (fresh.length > DRAW_LIMIT) {
    const choice = await ask(L().drawMoreAsk(fresh.length, DRAW_LIMIT), [L().drawAll(fresh.length), L().drawFirst(DRAW_LIMIT), L().cancel]);
    if (choice === 2 || choice < 0) return false;
    if (choice === 1) fresh = fresh.slice(0, DRAW_LIMIT);
  }
  const centre = around ? cy.getElementById(around) : null;
  const near = centre && centre.nonempty() ? centre.position() : undefined;
  cy.batch(() => {
    for (const n of fresh) {
      entities.set(n.id, n);
      cy.add(nodeDefinition(n, near));
    }
    for (const r of sub.relations) {
      if (relations.has(r.id) || !entities.has(r.from) || !entities.has(r.to)) continue;
      relations.set(r.id, r);
      cy.add({ group: 'edges', data: { id: r.id, source: r.from, target: r.to, type: r.type, label: edgeLabel(r) } });
    }
  });
  refreshTimeline();
  refreshPathChoices();
  applyFilters();
  return true;
}

function clearGraph() {
  cy.elements().remove();
  entities.clear();
  relations.clear();
  selectedId = null;
  clearPath();
  refreshTimeline();
  refreshPathChoices();
  renderDetails(null);
  syncCounts();
}

/** The elements drawn right now: not filtered out, and for edges both ends drawn too. */
function visible(): { nodes: NodeCollection; edges: EdgeCollection } {
  // Hidden by the filters, or absent at the history slider's revision.
  const shown = (e: { hasClass(name: string): boolean }) => !e.hasClass('hidden') && !e.hasClass('absent');
  const nodes = cy.nodes().filter((n) => shown(n)) as unknown as NodeCollection;
  const edges = cy.edges().filter((e) => shown(e) && shown(e.source()) && shown(e.target())) as unknown as EdgeCollection;
  return { nodes, edges };
}

/** data-node-count / data-edge-count always say what is drawn. */
function syncCounts() {
  const { nodes, edges } = visible();
  graphElement.dataset.nodeCount = String(nodes.length);
  graphElement.dataset.edgeCount = String(edges.length);
  $('empty-hint').hidden = cy.nodes().length > 0;
  const hidden = cy.nodes().length - nodes.length;
  setStatus(L().drawn(nodes.length, edges.length, hidden));
}

function layout(randomize: boolean) {
  const { nodes, edges } = visible();
  const eles = nodes.union(edges);
  if (eles.empty()) return;
  eles
    .layout({
      name: 'fcose',
      quality: 'default',
      randomize,
      animate: false,
      fit: true,
      padding: 30,
      nodeDimensionsIncludeLabels: false,
      idealEdgeLength: () => 70,
      nodeRepulsion: () => 6500,
      packComponents: true,
    } as cytoscape.LayoutOptions)
    .run();
  limitZoom();
}

/** Fitting a handful of nodes would blow them up: keep labels at a readable, not a shouting, size. */
function limitZoom() {
  if (cy.zoom() > 1.6) {
    cy.zoom(1.6);
    cy.center(visible().nodes);
  }
}

// ---- filters ----------------------------------------------------------------------------------------

function currentRange(): { from: string; to: string } {
  if (months.length === 0) return { from: '0000-01-01', to: '9999-12-31' };
  const a = Number($<HTMLInputElement>('date-from').value);
  const b = Number($<HTMLInputElement>('date-to').value);
  return { from: `${months[Math.min(a, b)]}-01`, to: `${months[Math.max(a, b)]}-31` };
}

function applyFilters() {
  const { from, to } = currentRange();
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const e = entities.get(n.id())!;
      n.toggleClass('hidden', !shownKinds.has(e.kind) || !overlaps(e.start, e.end, from, to));
    });
    cy.edges().forEach((edge) => {
      const r = relations.get(edge.id())!;
      edge.toggleClass('hidden', !shownTypes.has(r.type) || !overlaps(r.validFrom, r.validTo, from, to));
    });
  });
  renderKindCounts();
  syncCounts();
}

function renderFilters() {
  const kindList = $('kind-filters');
  kindList.replaceChildren(
    ...allKinds.map((kind) => {
      const style = kindStyles[kind];
      const li = document.createElement('li');
      li.innerHTML = `<label><input type="checkbox" ${shownKinds.has(kind) ? 'checked' : ''} value="${kind}" />${shapeIcon(style.shape, style.colour)}<span>${kindLabel(kind)}</span> <small data-kind-count="${kind}"></small></label>`;
      li.querySelector('input')!.addEventListener('change', (event) => {
        const box = event.target as HTMLInputElement;
        if (box.checked) shownKinds.add(kind);
        else shownKinds.delete(kind);
        applyFilters();
      });
      return li;
    }),
  );
  const typeList = $('type-filters');
  typeList.replaceChildren(
    ...allRelationTypes.map((type) => {
      const li = document.createElement('li');
      li.innerHTML = `<label><input type="checkbox" ${shownTypes.has(type) ? 'checked' : ''} value="${type}" /><span>${relationLabel(type)}</span></label>`;
      li.querySelector('input')!.addEventListener('change', (event) => {
        if ((event.target as HTMLInputElement).checked) shownTypes.add(type);
        else shownTypes.delete(type);
        applyFilters();
      });
      return li;
    }),
  );
  renderKindCounts();
}

for (const id of ['date-from', 'date-to']) $(id).addEventListener('input', () => {
  renderRangeLabels();
  applyFilters();
});

function renderKindCounts() {
  for (const kind of allKinds) {
    const all = cy.nodes(`[kind = "${kind}"]`);
    const shown = all.filter((n) => !n.hasClass('hidden')).length;
    const label = document.querySelector(`[data-kind-count="${kind}"]`);
    if (label) label.textContent = all.length === shown ? `${all.length}` : `${shown}/${all.length}`;
  }
}

/** A small SVG of the node shape, so the legend shows what the graph draws. */
function shapeIcon(shape: string, colour: string): string {
  const paths: Record<string, string> = {
    star: '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6"/>',
    'round-rectangle': '<rect x="1.5" y="3" width="13" height="10" rx="3"/>',
    ellipse: '<circle cx="8" cy="8" r="6"/>',
    diamond: '<polygon points="8,1 15,8 8,15 1,8"/>',
    hexagon: '<polygon points="4,2 12,2 15.5,8 12,14 4,14 0.5,8"/>',
    'round-triangle': '<polygon points="8,2 14.5,14 1.5,14" stroke-linejoin="round"/>',
    barrel: '<path d="M3,2 H13 Q16,8 13,14 H3 Q0,8 3,2 Z"/>',
    rectangle: '<rect x="1.5" y="3" width="13" height="10"/>',
    pentagon: '<polygon points="8,1 15,6.5 12.5,15 3.5,15 1,6.5"/>',
    tag: '<polygon points="1,3 11,3 15,8 11,13 1,13"/>',
    octagon: '<polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5"/>',
    vee: '<polygon points="1,2 8,8 15,2 8,15"/>',
  };
  return `<svg class="shape" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="${colour}" stroke="#333" stroke-width="0.8">${paths[shape]}</svg>`;
}

/** The timeline spans the months of everything dated that is loaded; phases give quick ranges. */
function refreshTimeline() {
  const wasFull = months.length === 0 || (Number($<HTMLInputElement>('date-from').value) === 0 && Number($<HTMLInputElement>('date-to').value) === months.length - 1);
  const dates = [...entities.values()].flatMap((e) => [e.start, e.end]).filter((d): d is string => !!d).sort();
  const previous = currentRange();
  months = [];
  if (dates.length > 0) {
    let [y, m] = dates[0].slice(0, 7).split('-').map(Number);
    const last = dates[dates.length - 1].slice(0, 7);
    for (;;) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      months.push(month);
      if (month >= last) break;
      if (++m > 12) [y, m] = [y + 1, 1];
    }
  }
  const fromInput = $<HTMLInputElement>('date-from');
  const toInput = $<HTMLInputElement>('date-to');
  for (const input of [fromInput, toInput]) {
    input.max = String(Math.max(months.length - 1, 0));
    input.disabled = months.length === 0;
  }
  if (wasFull) setRange(`${months[0] ?? '0000-01'}-01`, `${months[months.length - 1] ?? '9999-12'}-31`);
  else setRange(previous.from, previous.to);

  const phases = [...entities.values()].filter((e) => e.kind === 'PHASE' && e.start).sort((a, b) => a.start!.localeCompare(b.start!));
  const all = document.createElement('button');
  all.type = 'button';
  all.textContent = L().allTime;
  all.addEventListener('click', () => {
    setRange(`${months[0]}-01`, `${months[months.length - 1]}-31`);
    applyFilters();
  });
  $('phase-buttons').replaceChildren(
    ...(months.length ? [all] : []),
    ...phases.map((p) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = truncate(p.title, 26);
      button.title = `${p.title}: ${p.start} – ${p.end ?? L().open}`;
      button.addEventListener('click', () => {
        setRange(p.start!, p.end ?? p.start!);
        applyFilters();
      });
      return button;
    }),
  );
}

function setRange(from: string, to: string) {
  const index = (date: string) => {
    const i = months.indexOf(date.slice(0, 7));
    return i >= 0 ? i : date < (months[0] ?? '') ? 0 : months.length - 1;
  };
  $<HTMLInputElement>('date-from').value = String(Math.max(index(from), 0));
  $<HTMLInputElement>('date-to').value = String(Math.max(index(to), 0));
  renderRangeLabels();
}

function renderRangeLabels() {
  const { from, to } = currentRange();
  $('date-from-label').textContent = months.length ? from.slice(0, 7) : '–';
  $('date-to-label').textContent = months.length ? to.slice(0, 7) : '–';
  $('date-from').setAttribute('aria-valuetext', from.slice(0, 7));
  $('date-to').setAttribute('aria-valuetext', to.slice(0, 7));
}

// ---- selection, details, expansion ------------------------------------------------------------------

function select(id: string | null, centre = false) {
  cy.elements().removeClass('neighbour');
  cy.$(':selected').unselect();
  selectedId = id;
  if (!id) {
    renderDetails(null);
    return;
  }
  const node = cy.getElementById(id);
  if (node.nonempty()) {
    node.select();
    node.connectedEdges().addClass('neighbour');
    node.neighborhood('node').addClass('neighbour');
    if (centre) cy.animate({ center: { eles: node }, duration: 200 });
  }
  renderDetails(id);
}

let detailsRequest = 0;

async function renderDetails(id: string | null) {
  const panel = $('details');
  if (!id) {
    panel.innerHTML = `<p class="note">${L().detailsHint}</p>`;
    return;
  }
  const e = entities.get(id);
  if (!e) return;
  const style = kindStyles[e.kind];
  const request = ++detailsRequest;
  panel.replaceChildren();
  const heading = document.createElement('h2');
  heading.textContent = e.title;
  const kind = document.createElement('p');
  kind.className = 'kind';
  kind.innerHTML = `${shapeIcon(style.shape, style.colour)} <span>${kindLabel(e.kind)}${e.subtype ? ' · ' + humanise(e.subtype) : ''}</span>`;
  const dates = document.createElement('p');
  dates.className = 'dates';
  dates.textContent = e.start ? (e.end && e.end !== e.start ? `${e.start} – ${e.end}` : e.start) : '';
  const actions = document.createElement('div');
  actions.className = 'detail-actions';
  actions.append(
    button(L().expandNeighbourhood, () => expand(id)),
    button(L().pathFromHere, () => setPathEnd('path-from', id)),
    button(L().pathToHere, () => setPathEnd('path-to', id)),
  );
  const body = document.createElement('div');
  body.innerHTML = `<p class="note">${L().loadingDetails}</p>`;
  panel.append(heading, kind, dates, actions, body, relationList(id));

  try {
    const d = await api.details(id);
    if (request !== detailsRequest) return;
    body.replaceChildren();
    if ('summary' in d && d.summary) {
      const summary = document.createElement('p');
      summary.textContent = d.summary;
      body.append(summary);
    }
    body.append(...kindDetails(d));
    const url = ('eventUrl' in d && d.eventUrl) || ('organisationUrl' in d && d.organisationUrl) || ('pilotUrl' in d && d.pilotUrl)
      || ('strategyUrl' in d && d.strategyUrl) || ('documentUrl' in d && d.documentUrl);
    if (url) body.append(link(url, L().website));
    if ('sources' in d) {
      const h = document.createElement('h3');
      h.textContent = L().sources(d.sources.length);
      const list = document.createElement('ul');
      list.className = 'sources';
      for (const s of d.sources) {
        const li = document.createElement('li');
        li.append(s.url ? link(s.url, s.title) : document.createTextNode(s.title));
        const meta = [s.publisher, s.retrievedOn ? L().retrieved(s.retrievedOn) : null].filter(Boolean).join(', ');
        if (meta) li.append(document.createTextNode(` — ${meta}`));
        if (s.note) {
          const note = document.createElement('div');
          note.className = 'note';
          note.textContent = s.note;
          li.append(note);
        }
        list.append(li);
      }
      body.append(h, list);
    }
    if ('history' in d) body.append(historyList(d.history, d.version));
  } catch (error) {
    if (request === detailsRequest) {
      body.replaceChildren();
      showError(error);
    }
  }
}

/** Who changed the entity when, why and on which sources: its revisions, oldest first (the seed import, then edits). */
function historyList(history: Extract<api.Details, { history: unknown }>['history'], version: number): HTMLElement {
  const section = document.createElement('section');
  section.className = 'history';
  section.dataset.testid = 'history';
  const h = document.createElement('h3');
  h.textContent = `History (${history.totalCount} ${history.totalCount === 1 ? 'revision' : 'revisions'}, version ${version})`;
  const list = document.createElement('ol');
  list.className = 'revisions';
  for (const r of history.nodes) {
    const li = document.createElement('li');
    li.dataset.revision = String(r.number);
    const when = document.createElement('time');
    when.dateTime = r.at;
    when.textContent = r.at.slice(0, 16).replace('T', ' ');
    const what = document.createElement('strong');
    what.textContent = ` ${humanise(r.action)} `;
    li.append(when, what, document.createTextNode(`by ${r.actor}`));
    if (r.comment) {
      const comment = document.createElement('div');
      comment.textContent = r.comment;
      li.append(comment);
    }
    if (r.sources.length > 0) {
      const cited = document.createElement('div');
      cited.className = 'note';
      cited.append(document.createTextNode('Sources: '));
      r.sources.forEach((s, i) => {
        if (i > 0) cited.append(document.createTextNode('; '));
        cited.append(s.url ? link(s.url, s.title) : document.createTextNode(s.title));
      });
      li.append(cited);
    }
    list.append(li);
  }
  section.append(h, list);
  if (history.totalCount > history.nodes.length) {
    const more = document.createElement('p');
    more.className = 'note';
    more.textContent = `The first ${history.nodes.length} of ${history.totalCount}; the IDE's history(after:) pages on.`;
    section.append(more);
  }
  return section;
}

/** What a kind adds to the details: a term's definition verbatim, other names, what is known of a part of the store, a series' size. */
function kindDetails(d: api.Details): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const paragraph = (text: string, className?: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    return p;
  };
  if ('definition' in d && d.definition) {
    const h = document.createElement('h3');
    h.textContent = L().definition;
    const quote = document.createElement('blockquote');
    quote.lang = 'de';
    quote.textContent = d.definition;
    parts.push(h, quote);
  }
  if ('aliases' in d && d.aliases.length) parts.push(paragraph(L().alsoKnownAs(d.aliases.join(', '))));
  if ('contentKnown' in d) {
    if (!d.contentKnown) parts.push(paragraph(L().contentUnknown, 'note'));
    if (d.columns.length) parts.push(paragraph(L().columns(d.columns.join(', '))));
  }
  if ('size' in d && d.size != null) parts.push(paragraph(`${L().parts}: ${L().size(d.size, d.sizeQualifier)}`));
  return parts;
}

function relationList(id: string): HTMLElement {
  const wrapper = document.createElement('section');
  const drawn = [...relations.values()].filter((r) => r.from === id || r.to === id);
  const h = document.createElement('h3');
  h.textContent = L().drawnRelations(drawn.length);
  const list = document.createElement('ul');
  list.className = 'relations';
  for (const r of drawn.sort((a, b) => a.type.localeCompare(b.type))) {
    const other = entities.get(r.from === id ? r.to : r.from)!;
    const li = document.createElement('li');
    const text = r.from === id ? `${relationLabel(r.type)} → ` : `← ${relationLabel(r.type)} · `;
    li.append(document.createTextNode(text + (r.role ? `(${r.role}) ` : '')), button(other.title, () => select(other.id, true), 'link'));
    list.append(li);
  }
  wrapper.append(h, list);
  return wrapper;
}

function button(text: string, onClick: () => void, className?: string) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (className) b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

function link(href: string, text: string) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

/** Relation types to follow: all (null) unless the filter leaves some out. */
const followedTypes = () => (shownTypes.size === allRelationTypes.length ? undefined : [...shownTypes]);

async function expand(id: string) {
  await busy(L().loadingNeighbourhood(entities.get(id)?.title ?? '…'), async () => {
    const sub = await api.graph([id], 1, followedTypes());
    const before = cy.nodes().length;
    if (!(await draw(sub, id))) return;
    if (cy.nodes().length > before) layout(false);
    select(id, true);
    setStatus(L().expanded(sub.relations.length, cy.nodes().length - before, sub.truncated ? api.GRAPH_LIMIT : null));
  });
}

/** Draws an entity (and its neighbourhood when it is new) and selects it. */
async function focusEntity(id: string) {
  if (!entities.has(id)) {
    const ok = await busy(L().loading, async () => {
      const sub = await api.graph([id], 1, followedTypes());
      if (!(await draw(sub, selectedId ?? undefined))) return false;
      layout(cy.nodes().length === sub.nodes.length);
      return true;
    });
    if (!ok) return;
  }
  if (cy.getElementById(id).hasClass('hidden')) setStatus(L().hiddenByFilters);
  select(id, true);
}

// ---- search -----------------------------------------------------------------------------------------

async function runSearch(text: string) {
  const panel = $('search-results');
  if (!text.trim()) {
    panel.hidden = true;
    return;
  }
  await busy(L().searching(text), async () => {
    const kinds = shownKinds.size === allKinds.length ? undefined : [...shownKinds];
    const { total, hits } = await api.search(text.trim(), kinds);
    panel.replaceChildren();
    const header = document.createElement('div');
    header.className = 'search-header';
    const found = L().found(total, hits.length, text);
    header.append(document.createTextNode(found + (kinds ? L().amongKindsShown : '')), button(L().close, () => (panel.hidden = true)));
    const list = document.createElement('ul');
    for (const hit of hits) {
      const li = document.createElement('li');
      const style = kindStyles[hit.entity.kind];
      const b = button('', () => {
        panel.hidden = true;
        void focusEntity(hit.entity.id);
      });
      b.innerHTML = `${shapeIcon(style.shape, style.colour)} <span class="hit"><span class="hit-title"></span><span class="hit-snippet"></span></span> <small>${kindLabel(hit.entity.kind)}</small>`;
      b.querySelector('.hit-title')!.textContent = hit.entity.title;
      if (hit.highlight && !hit.highlight.startsWith(`«${hit.entity.title}»`)) b.querySelector('.hit-snippet')!.append(...highlighted(hit.highlight));
      b.dataset.id = hit.entity.id;
      li.append(b);
      list.append(li);
    }
    panel.append(header, list);
    panel.hidden = false;
    (list.querySelector('button') as HTMLButtonElement | null)?.focus();
  });
}

/** « and » around the matched words become <mark>; everything else stays text. */
function highlighted(snippet: string): Node[] {
  return snippet.split(/(«[^»]*»)/).filter(Boolean).map((part) => {
    if (!part.startsWith('«')) return document.createTextNode(part);
    const mark = document.createElement('mark');
    mark.textContent = part.slice(1, -1);
    return mark;
  });
}

// ---- shortest path ----------------------------------------------------------------------------------

function refreshPathChoices() {
  const sorted = [...entities.values()].sort((a, b) => a.title.localeCompare(b.title));
  for (const id of ['path-from', 'path-to']) {
    const select = $<HTMLSelectElement>(id);
    const current = select.value;
    select.replaceChildren(new Option(L().choose, ''), ...sorted.map((e) => new Option(`${truncate(e.title, 60)} (${kindLabel(e.kind)})`, e.id)));
    select.value = entities.has(current) ? current : '';
  }
}

function setPathEnd(which: 'path-from' | 'path-to', id: string) {
  $<HTMLSelectElement>(which).value = id;
  $<HTMLSelectElement>(which).focus();
}

function clearPath() {
  cy.elements().removeClass('path faded');
  $('path-result').textContent = '';
}

/** The longest path the explorer asks the server for (its cap). */
const MAX_HOPS = 6;

async function findPath() {
  clearPath();
  const from = $<HTMLSelectElement>('path-from').value;
  const to = $<HTMLSelectElement>('path-to').value;
  const result = $('path-result');
  delete result.dataset.length;
  if (!from || !to) {
    result.textContent = L().chooseBothEnds;
    return;
  }
  await busy(L().findingPath, async () => {
    const [path] = await api.paths(from, to, MAX_HOPS, 1, followedTypes());
    if (!path) {
      result.textContent = L().noConnection(MAX_HOPS, !!followedTypes());
      result.dataset.length = '-1';
      return;
    }
    const before = cy.nodes().length;
    await draw(path, from);
    if (cy.nodes().length > before) layout(false);
    highlightPath(path.nodes.map((n) => n.id), path.relations.map((r) => r.id));
    if (cy.elements('.path.hidden').nonempty()) result.append(document.createTextNode(L().stepsHidden));
  });
}

function highlightPath(nodeIds: string[], edgeIds: string[]) {
  cy.batch(() => {
    cy.elements().addClass('faded');
    for (const id of [...nodeIds, ...edgeIds]) cy.getElementById(id).removeClass('faded').addClass('path');
  });
  const steps = nodeIds.map((id) => entities.get(id)?.title ?? id);
  const result = $('path-result');
  result.replaceChildren();
  const summary = document.createElement('strong');
  summary.textContent = L().steps(edgeIds.length);
  const list = document.createElement('ol');
  list.className = 'path-steps';
  nodeIds.forEach((id, i) => {
    const li = document.createElement('li');
    li.append(button(steps[i], () => select(id, true), 'link'));
    const r = relations.get(edgeIds[i]);
    if (r) li.append(document.createTextNode(` ${r.from === id ? '→' : '←'} ${relationLabel(r.type)}`));
    list.append(li);
  });
  result.append(summary, list, button(L().clearPath, clearPath));
  result.dataset.length = String(edgeIds.length);
  result.scrollIntoView({ block: 'nearest' });
  cy.fit(cy.elements('.path'), 80);
  limitZoom();
}

// ---- export -----------------------------------------------------------------------------------------

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportPng() {
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob;
  download(blob, 'smartcitygraph.png');
}

function exportGraphML() {
  const { nodes, edges } = visible();
  const positions = new Map(nodes.map((n) => [n.id(), n.position()] as const));
  const xml = toGraphML(
    nodes.map((n) => entities.get(n.id())!),
    edges.map((e) => relations.get(e.id())!),
    positions,
  );
  download(new Blob([xml], { type: 'application/graphml+xml' }), 'smartcitygraph.graphml');
}

// ---- messages, questions, busy state ----------------------------------------------------------------

function setStatus(text: string) {
  $('status').textContent = text;
}

function showError(error: unknown) {
  const box = $('message');
  let text: string;
  if (error instanceof GraphQLRequestError) {
    text = L().refused(error.errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`).join('; '));
    box.dataset.code = error.code ?? '';
  } else if (error instanceof ServerUnreachableError) {
    text = L().unreachable(error.message);
    box.dataset.code = 'UNREACHABLE';
  } else if (error instanceof api.NotFoundError) {
    text = `${error.message} (NOT_FOUND)`;
    box.dataset.code = 'NOT_FOUND';
  } else {
    text = L().wentWrong(error instanceof Error ? error.message : String(error));
    box.dataset.code = 'ERROR';
  }
  box.replaceChildren(document.createTextNode(text), button(L().dismiss, () => (box.hidden = true)));
  box.hidden = false;
}

async function busy<T>(message: string, work: () => Promise<T>): Promise<T | undefined> {
  graphElement.dataset.state = 'loading';
  graphElement.setAttribute('aria-busy', 'true');
  setStatus(message);
  try {
    $('message').hidden = true;
    return await work();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    graphElement.dataset.state = 'ready';
    graphElement.removeAttribute('aria-busy');
    if ($('status').textContent === message) syncCounts();
  }
}

/** A modal question with buttons; resolves to the chosen index, or -1 when dismissed (Escape). */
function ask(text: string, choices: string[]): Promise<number> {
  const dialog = $<HTMLDialogElement>('ask');
  $('ask-text').textContent = text;
  $('ask-choices').replaceChildren(
    ...choices.map((label, i) => {
      const b = document.createElement('button');
      b.value = String(i);
      b.textContent = label;
      return b;
    }),
  );
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === '' ? -1 : Number(dialog.returnValue)), { once: true });
  });
}

// ---- whole graph ------------------------------------------------------------------------------------

async function loadAll() {
  await busy(L().counting, async () => {
    const total = await api.countEntities();
    let limit = Infinity;
    if (total > DRAW_LIMIT) {
      const choice = await ask(L().wholeGraphAsk(total, DRAW_LIMIT), [L().drawAll(total), L().drawFirst(DRAW_LIMIT), L().cancelSearchInstead]);
      if (choice === 2 || choice < 0) return;
      if (choice === 1) limit = DRAW_LIMIT;
    }
    const sub = await api.loadWholeGraph((count, relationCount) => setStatus(relationCount === undefined ? L().loaded(count) : L().loadedWithRelations(count, relationCount)), limit);
    clearGraph();
    entitiesBulk(sub);
    layout(true);
  });
}

/** The whole graph was asked for (and confirmed): draw it without asking again. */
function entitiesBulk(sub: api.Subgraph) {
  cy.batch(() => {
    for (const n of sub.nodes) {
      entities.set(n.id, n);
      cy.add(nodeDefinition(n));
    }
    for (const r of sub.relations) {
      relations.set(r.id, r);
      cy.add({ group: 'edges', data: { id: r.id, source: r.from, target: r.to, type: r.type, label: edgeLabel(r) } });
    }
  });
  refreshTimeline();
  refreshPathChoices();
  applyFilters();
}

// ---- live updates -----------------------------------------------------------------------------------

const flashTimers = new Map<string, number>();

/** A changed element glows for a moment (data-changed-at says when, for tests and the curious). */
function flash(id: string) {
  const element = cy.getElementById(id);
  if (element.empty()) return;
  element.addClass('changed');
  element.data('changedAt', Date.now());
  window.clearTimeout(flashTimers.get(id));
  flashTimers.set(id, window.setTimeout(() => cy.getElementById(id).removeClass('changed'), 2500));
}

const live = new Live({
  drawnEntityIds: () => [...entities.keys()],
  drawnRelationIds: () => [...relations.keys()],
  upsertEntity(entity, near) {
    const known = entities.has(entity.id);
    entities.set(entity.id, entity);
    if (known) {
      cy.getElementById(entity.id).data('label', truncate(entity.title));
    } else {
      const end = near ? cy.getElementById(near) : null;
      cy.add(nodeDefinition(entity, end && end.nonempty() ? end.position() : undefined));
    }
    flash(entity.id);
    refreshTimeline();
    refreshPathChoices();
    applyFilters();
    if (selectedId === entity.id) void renderDetails(entity.id);
    setStatus(`${known ? 'Changed' : 'New'}: ${entity.title}.`);
  },
  upsertRelation(relation) {
    if (!entities.has(relation.from) || !entities.has(relation.to)) return;
    const known = relations.has(relation.id);
    relations.set(relation.id, relation);
    if (known) cy.getElementById(relation.id).data('label', edgeLabel(relation));
    else cy.add({ group: 'edges', data: { id: relation.id, source: relation.from, target: relation.to, type: relation.type, label: edgeLabel(relation) } });
    flash(relation.id);
    applyFilters();
  },
  fadeOut(id) {
    const element = cy.getElementById(id);
    if (element.empty() || element.hasClass('leaving')) return;
    const gone = element.isNode() ? element.union(element.connectedEdges()) : element;
    gone.addClass('leaving');
    gone.animate({ style: { opacity: 0 } }, {
      duration: 1200,
      complete: () => {
        gone.forEach((e) => {
          entities.delete(e.id());
          relations.delete(e.id());
        });
        gone.remove();
        if (selectedId === id) select(null);
        refreshTimeline();
        refreshPathChoices();
        syncCounts();
      },
    });
    setStatus(`Removed: ${entities.get(id)?.title ?? 'a relation'}.`);
  },
  showAsOf(state) {
    cy.batch(() => {
      cy.elements().forEach((element) => {
        const then = state?.get(element.id());
        element.toggleClass('absent', then === null);
        if (element.isNode()) {
          const e = then && 'kind' in then ? then : entities.get(element.id());
          if (e) element.data('label', truncate(e.title));
        }
      });
    });
    graphElement.dataset.asOf = state ? 'past' : 'live';
    syncCounts();
  },
  setStatus,
  showError,
});

// ---- keyboard ---------------------------------------------------------------------------------------

function step(delta: number) {
  const nodes = visible().nodes.sort((a, b) => (a.data('label') as string).localeCompare(b.data('label')));
  if (nodes.length === 0) return;
  const index = selectedId ? nodes.toArray().findIndex((n) => n.id() === selectedId) : -1;
  const next = nodes[(index + delta + nodes.length) % nodes.length] as NodeSingular;
  select(next.id(), true);
}

graphElement.addEventListener('keydown', (event) => {
  const keys: Record<string, () => void> = {
    ArrowRight: () => step(1),
    ArrowDown: () => step(1),
    ArrowLeft: () => step(-1),
    ArrowUp: () => step(-1),
    Enter: () => selectedId && void expand(selectedId),
    Escape: () => select(null),
    '+': () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
    '=': () => cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
    '-': () => cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
    '0': () => {
      cy.fit(undefined, 30);
      limitZoom();
    },
  };
  const action = keys[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key === '/' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) {
    event.preventDefault();
    $('search-input').focus();
  }
});

// ---- wiring -----------------------------------------------------------------------------------------

cy.on('tap', 'node', (event) => select(event.target.id()));
cy.on('dbltap', 'node', (event) => void expand(event.target.id()));
cy.on('tap', (event) => {
  if (event.target === cy) select(null);
});
cy.on('add remove', () => {
  queueMicrotask(syncCounts);
  live.drawnChanged(); // subscribe to what is drawn now
});

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void runSearch($<HTMLInputElement>('search-input').value);
});
$('load-all').addEventListener('click', () => void loadAll());
$('clear').addEventListener('click', clearGraph);
$('fit').addEventListener('click', () => {
  cy.fit(undefined, 30);
  limitZoom();
});
$('export-png').addEventListener('click', exportPng);
$('export-graphml').addEventListener('click', exportGraphML);
$('path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void findPath();
});

// ---- language switch --------------------------------------------------------------------------------

/** Shows the page in a language: its labels, and the drawn entities' titles as the server gives them in it. */
async function useLanguage(next: Language) {
  language = next;
  rememberLanguage(next);
  api.setLanguage(next);
  $<HTMLSelectElement>('language').value = next;
  graphElement.dataset.language = next;
  applyStaticLabels(document, L());
  renderFilters();
  refreshTimeline();
  cy.batch(() => cy.edges().forEach((edge) => {
    edge.data('label', edgeLabel(relations.get(edge.id())!));
  }));
  if (entities.size === 0) return;
  await busy(L().loading, async () => {
    const titles = await api.titles([...entities.keys()]);
    cy.batch(() => {
      for (const [id, title] of titles) {
        const entity = entities.get(id);
        if (!entity) continue;
        entity.title = title;
        cy.getElementById(id).data('label', truncate(title));
      }
    });
    refreshTimeline();
    refreshPathChoices();
    if (selectedId) renderDetails(selectedId);
  });
}

$<HTMLSelectElement>('language').addEventListener('change', (event) => void useLanguage((event.target as HTMLSelectElement).value as Language));

api.setLanguage(language);
rememberLanguage(language);
$<HTMLSelectElement>('language').value = language;
graphElement.dataset.language = language;
applyStaticLabels(document, L());
renderFilters();
refreshTimeline();
refreshPathChoices();
const focus = params.get('focus');
// Where the change feed stands first, then the drawing: changes made meanwhile arrive through the subscriptions.
void live
  .start()
  .catch(showError)
  .finally(() => (focus ? focusEntity(focus) : loadAll()));

// For tests and the curious: the drawn graph.
Object.assign(window, { smartCityGraph: { cy, entities, relations, language: () => language } });
