import type { Language } from '../language';

/**
 * The explorer's own words in English and German (the page's labels, not the data: titles and summaries come
 * from the server in the chosen language where the sources give one). Static labels are applied to the
 * elements carrying data-i18n (text), data-i18n-placeholder, data-i18n-title or data-i18n-aria-label.
 */
const en = {
  pageTitle: 'SmartCityGraph · Relationship explorer',
  subtitle: 'relationship explorer',
  language: 'Language',
  searchLabel: 'Search entities',
  searchPlaceholder: 'Search entities by name (press /)',
  search: 'Search',
  view: 'View',
  wholeGraph: 'Whole graph',
  wholeGraphTitle: 'Draw every entity and relation',
  clear: 'Clear',
  clearTitle: 'Remove everything from the view',
  fit: 'Fit',
  fitTitle: 'Fit the view (key 0)',
  exportPng: 'Export PNG',
  exportGraphMl: 'Export GraphML',
  ide: 'GraphQL IDE',
  legendAndFilters: 'Legend and filters',
  kinds: 'Kinds',
  legend: '(legend)',
  relations: 'Relations',
  time: 'Time',
  from: 'From',
  to: 'To',
  jumpToPhase: 'Jump to a phase',
  shortestPath: 'Shortest path',
  findPath: 'Find path',
  graph: 'Graph',
  emptyHint: 'Nothing is drawn. Search for an organisation, event or pilot above, or press <strong>Whole graph</strong>.',
  graphLabel: 'Relationship graph. Arrow keys select the next or previous entity, Enter expands it, plus and minus zoom, 0 fits.',
  keys: 'Keys: / search · ←/→ select · Enter expand · +/− zoom · 0 fit · Esc deselect',
  details: 'Details',
  detailsHint: 'Click an entity (or select it with the arrow keys) to see its details and sources; double-click or press Enter to expand its neighbourhood.',
  drawn: (nodes: number, edges: number, hidden: number) =>
    `${nodes} entities and ${edges} relations drawn` + (hidden ? ` (${hidden} hidden by the filters)` : '') + '.',
  allTime: 'All time',
  open: 'open',
  expandNeighbourhood: 'Expand neighbourhood',
  pathFromHere: 'Path from here',
  pathToHere: 'Path to here',
  loadingDetails: 'Loading details…',
  website: 'Website',
  sources: (count: number) => `Sources (${count})`,
  retrieved: (date: string) => `retrieved ${date}`,
  drawnRelations: (count: number) => `Drawn relations (${count})`,
  definition: 'Definition, as the source words it',
  alsoKnownAs: (names: string) => `Also known as: ${names}`,
  contentUnknown: 'The sources name this part of the store but give none of its content.',
  columns: (names: string) => `Columns: ${names}`,
  size: (size: number, qualifier: string | null | undefined) =>
    ({ MORE_THAN: `more than ${size}`, ABOUT: `about ${size}`, PLANNED: `${size} planned` })[qualifier ?? ''] ?? `${size}`,
  parts: 'Parts (the sources date only some)',
  loading: 'Loading…',
  loadingNeighbourhood: (title: string) => `Loading the neighbourhood of ${title}…`,
  expanded: (relations: number, added: number, cut: number | null) =>
    `Expanded: ${relations} relations, ${added} new entities.` + (cut ? ` The server cut the neighbourhood at ${cut} entities.` : ''),
  hiddenByFilters: 'The entity is hidden by the filters; widen them to see it.',
  searching: (text: string) => `Searching for “${text}”…`,
  found: (total: number, shown: number, text: string) =>
    shown ? `${total} found for “${text}”${total > shown ? ` (best ${shown} shown)` : ''}` : `Nothing found for “${text}”.`,
  amongKindsShown: ' among the kinds shown',
  close: 'Close',
  choose: '— choose —',
  chooseBothEnds: 'Choose both ends of the path (or use “Path from here” / “Path to here” on an entity).',
  findingPath: 'Finding the shortest path…',
  noConnection: (hops: number, filtered: boolean) => `No connection of at most ${hops} relations${filtered ? ' of the relation types shown' : ''}.`,
  stepsHidden: ' Some steps are hidden by the filters.',
  steps: (count: number) => `${count} step${count === 1 ? '' : 's'}: `,
  clearPath: 'Clear path',
  counting: 'Counting entities…',
  loaded: (count: number) => `Loaded ${count} entities…`,
  loadedWithRelations: (count: number, relations: number) => `Loaded ${count} entities and ${relations} relations…`,
  wholeGraphAsk: (total: number, limit: number) => `The whole graph has ${total} entities. More than ${limit} at once can make the page slow.`,
  drawAll: (count: number) => `Draw all ${count}`,
  drawFirst: (limit: number) => `Draw the first ${limit}`,
  cancelSearchInstead: 'Cancel (search instead)',
  drawMoreAsk: (count: number, limit: number) => `This would draw ${count} more entities. More than ${limit} at once can make the page slow.`,
  cancel: 'Cancel',
  refused: (messages: string) => `The server refused the query: ${messages}`,
  unreachable: (message: string) => `The server cannot be reached: ${message} Check that it is running, then try again.`,
  wentWrong: (message: string) => `Something went wrong: ${message}`,
  dismiss: 'Dismiss',
};

export type Labels = typeof en;

const de: Labels = {
  pageTitle: 'SmartCityGraph · Beziehungs-Explorer',
  subtitle: 'Beziehungs-Explorer',
  language: 'Sprache',
  searchLabel: 'Einträge suchen',
  searchPlaceholder: 'Einträge nach Namen suchen (Taste /)',
  search: 'Suchen',
  view: 'Ansicht',
  wholeGraph: 'Ganzer Graph',
  wholeGraphTitle: 'Alle Einträge und Beziehungen zeichnen',
  clear: 'Leeren',
  clearTitle: 'Alles aus der Ansicht entfernen',
  fit: 'Einpassen',
  fitTitle: 'Ansicht einpassen (Taste 0)',
  exportPng: 'PNG exportieren',
  exportGraphMl: 'GraphML exportieren',
  ide: 'GraphQL-IDE',
  legendAndFilters: 'Legende und Filter',
  kinds: 'Arten',
  legend: '(Legende)',
  relations: 'Beziehungen',
  time: 'Zeit',
  from: 'Von',
  to: 'Bis',
  jumpToPhase: 'Zu einer Phase springen',
  shortestPath: 'Kürzester Weg',
  findPath: 'Weg finden',
  graph: 'Graph',
  emptyHint: 'Nichts gezeichnet. Suchen Sie oben nach einer Organisation, einem Termin oder einem Pilotprojekt, oder wählen Sie <strong>Ganzer Graph</strong>.',
  graphLabel: 'Beziehungsgraph. Pfeiltasten wählen den nächsten oder vorigen Eintrag, Enter klappt ihn auf, Plus und Minus zoomen, 0 passt ein.',
  keys: 'Tasten: / Suche · ←/→ auswählen · Enter aufklappen · +/− Zoom · 0 einpassen · Esc abwählen',
  details: 'Details',
  detailsHint: 'Klicken Sie einen Eintrag an (oder wählen Sie ihn mit den Pfeiltasten), um Details und Quellen zu sehen; Doppelklick oder Enter klappt seine Nachbarschaft auf.',
  drawn: (nodes, edges, hidden) =>
    `${nodes} Einträge und ${edges} Beziehungen gezeichnet` + (hidden ? ` (${hidden} durch die Filter ausgeblendet)` : '') + '.',
  allTime: 'Gesamter Zeitraum',
  open: 'offen',
  expandNeighbourhood: 'Nachbarschaft aufklappen',
  pathFromHere: 'Weg von hier',
  pathToHere: 'Weg hierher',
  loadingDetails: 'Details werden geladen…',
  website: 'Website',
  sources: (count) => `Quellen (${count})`,
  retrieved: (date) => `abgerufen am ${date}`,
  drawnRelations: (count) => `Gezeichnete Beziehungen (${count})`,
  definition: 'Definition im Wortlaut der Quelle',
  alsoKnownAs: (names) => `Auch: ${names}`,
  contentUnknown: 'Die Quellen nennen diesen Teil des Wissensspeichers, geben aber keinen seiner Inhalte wieder.',
  columns: (names) => `Spalten: ${names}`,
  size: (size, qualifier) => ({ MORE_THAN: `über ${size}`, ABOUT: `etwa ${size}`, PLANNED: `${size} geplant` })[qualifier ?? ''] ?? `${size}`,
  parts: 'Teile (die Quellen datieren nur einige)',
  loading: 'Wird geladen…',
  loadingNeighbourhood: (title) => `Die Nachbarschaft von ${title} wird geladen…`,
  expanded: (relations, added, cut) =>
    `Aufgeklappt: ${relations} Beziehungen, ${added} neue Einträge.` + (cut ? ` Der Server hat die Nachbarschaft bei ${cut} Einträgen abgeschnitten.` : ''),
  hiddenByFilters: 'Der Eintrag ist durch die Filter ausgeblendet; erweitern Sie sie, um ihn zu sehen.',
  searching: (text) => `Suche nach „${text}“…`,
  found: (total, shown, text) =>
    shown ? `${total} Treffer für „${text}“${total > shown ? ` (die besten ${shown})` : ''}` : `Nichts gefunden für „${text}“.`,
  amongKindsShown: ' unter den gezeigten Arten',
  close: 'Schließen',
  choose: '— wählen —',
  chooseBothEnds: 'Wählen Sie beide Enden des Wegs (oder „Weg von hier“ / „Weg hierher“ an einem Eintrag).',
  findingPath: 'Der kürzeste Weg wird gesucht…',
  noConnection: (hops, filtered) => `Keine Verbindung über höchstens ${hops} Beziehungen${filtered ? ' der gezeigten Beziehungsarten' : ''}.`,
  stepsHidden: ' Einige Schritte sind durch die Filter ausgeblendet.',
  steps: (count) => `${count} Schritt${count === 1 ? '' : 'e'}: `,
  clearPath: 'Weg entfernen',
  counting: 'Einträge werden gezählt…',
  loaded: (count) => `${count} Einträge geladen…`,
  loadedWithRelations: (count, relations) => `${count} Einträge und ${relations} Beziehungen geladen…`,
  wholeGraphAsk: (total, limit) => `Der ganze Graph hat ${total} Einträge. Mehr als ${limit} auf einmal können die Seite verlangsamen.`,
  drawAll: (count) => `Alle ${count} zeichnen`,
  drawFirst: (limit) => `Die ersten ${limit} zeichnen`,
  cancelSearchInstead: 'Abbrechen (stattdessen suchen)',
  drawMoreAsk: (count, limit) => `Damit würden ${count} weitere Einträge gezeichnet. Mehr als ${limit} auf einmal können die Seite verlangsamen.`,
  cancel: 'Abbrechen',
  refused: (messages) => `Der Server hat die Abfrage abgelehnt: ${messages}`,
  unreachable: (message) => `Der Server ist nicht erreichbar: ${message} Prüfen Sie, ob er läuft, und versuchen Sie es erneut.`,
  wentWrong: (message) => `Etwas ist schiefgegangen: ${message}`,
  dismiss: 'Schließen',
};

export const labels: Record<Language, Labels> = { en, de };

type StaticKey = { [K in keyof Labels]: Labels[K] extends string ? K : never }[keyof Labels];

/** Writes the static labels into the page: text, placeholder, title and aria-label, by their data-i18n* attributes. */
export function applyStaticLabels(root: ParentNode, words: Labels) {
  const text = (key: string | undefined) => (key && key in words ? (words[key as StaticKey] as string) : undefined);
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    const value = text(el.dataset.i18n);
    if (value !== undefined) el.innerHTML = value; // our own strings; the empty hint holds <strong>
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]').forEach((el) => {
    const value = text(el.dataset.i18nPlaceholder);
    if (value !== undefined) el.setAttribute('placeholder', value);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => {
    const value = text(el.dataset.i18nTitle);
    if (value !== undefined) el.title = value;
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]').forEach((el) => {
    const value = text(el.dataset.i18nAriaLabel);
    if (value !== undefined) el.setAttribute('aria-label', value);
  });
  document.title = words.pageTitle;
}
