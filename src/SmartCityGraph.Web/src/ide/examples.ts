import welcome from '../../examples/ShowTheSchema.graphql?raw';
import whoOrganised from '../../examples/WhoOrganisedMostEvents.graphql?raw';
import senateToPilots from '../../examples/SenateToPilots.graphql?raw';
import eventsPerMonth from '../../examples/EventsPerMonth.graphql?raw';
import civilSociety from '../../examples/CivilSocietyInSpring2021.graphql?raw';
import createAnEvent from '../../examples/CreateAnEvent.graphql?raw';
import participationToStrategy from '../../examples/ParticipationToStrategy.graphql?raw';
import type { Language } from '../language';

/** A saved example operation: the documents live in examples/ and are validated by the codegen on every build. */
export interface Example {
  title: Record<Language, string>;
  question: Record<Language, string>;
  query: string;
  variables?: string;
  /** Request headers the example needs, e.g. the Authorization header of an editing example (a placeholder to replace). */
  headers?: string;
}

export const examples: Example[] = [
  {
    title: { en: 'Pilots', de: 'Pilotprojekte' },
    question: { en: 'Which pilot projects are there, and who runs and funds them?', de: 'Welche Pilotprojekte gibt es, und wer leitet und fördert sie?' },
    query: welcome,
  },
  {
    title: { en: 'Organisers', de: 'Veranstalter' },
    question: { en: 'Who organised most events?', de: 'Wer hat die meisten Termine organisiert?' },
    query: whoOrganised,
  },
  {
    title: { en: 'Senate → pilot', de: 'Senat → Pilotprojekt' },
    question: { en: 'How is the Senate connected to a pilot project?', de: 'Wie ist der Senat mit einem Pilotprojekt verbunden?' },
    query: senateToPilots,
  },
  {
    title: { en: 'Events per month', de: 'Termine pro Monat' },
    question: { en: 'How many events took place per month?', de: 'Wie viele Termine fanden pro Monat statt?' },
    query: eventsPerMonth,
    variables: JSON.stringify({ from: '2021-03-01', to: '2021-04-01' }, null, 2),
  },
  {
    title: { en: 'Civil society, spring 2021', de: 'Zivilgesellschaft, Frühjahr 2021' },
    question: {
      en: 'Which civil-society groups organised events in spring 2021, and which events?',
      de: 'Welche zivilgesellschaftlichen Gruppen haben im Frühjahr 2021 Termine organisiert, und welche?',
    },
    query: civilSociety,
  },
  {
    title: { en: 'Participation → result → strategy', de: 'Beteiligung → Ergebnis → Strategie' },
    question: {
      en: 'What did participation produce, where was it presented, and which strategy did it inform?',
      de: 'Was hat die Beteiligung hervorgebracht, wo wurde es vorgestellt, und in welche Strategie floss es ein?',
    },
    query: participationToStrategy,
  },
  {
    title: { en: 'Edit: create an event', de: 'Bearbeiten: einen Termin anlegen' },
    question: {
      en: 'How does an editor add an event (with its source)? Needs a token in the Headers tab.',
      de: 'Wie legt eine Redakteurin einen Termin an (mit Quelle)? Braucht ein Token im Tab Headers.',
    },
    query: createAnEvent,
    variables: JSON.stringify(
      {
        input: {
          title: 'Example workshop',
          startDate: '2023-05-04',
          category: 'PARTICIPATION',
          type: 'WORKSHOP',
          sources: [{ title: 'Where you read about it', url: 'https://example.org/announcement' }],
          comment: 'Why you add it',
        },
      },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: 'Bearer PASTE-A-TOKEN-HERE' }, null, 2),
  },
];

/** The panel's own words. */
export const panelLabels: Record<Language, { heading: string; intro: string; explorerBefore: string; explorer: string; explorerAfter: string; language: string }> = {
  en: {
    heading: 'Examples',
    intro: 'Saved operations that answer real questions. Each opens in a new tab; run it with Ctrl-Enter. Titles and summaries come in the language chosen here where the sources give it.',
    explorerBefore: 'See the same graph as a picture in the ',
    explorer: 'relationship explorer',
    explorerAfter: '.',
    language: 'Language',
  },
  de: {
    heading: 'Beispiele',
    intro: 'Gespeicherte Abfragen, die echte Fragen beantworten. Jede öffnet sich in einem neuen Tab; ausführen mit Strg-Enter. Titel und Zusammenfassungen kommen in der hier gewählten Sprache, wo die Quellen sie hergeben.',
    explorerBefore: 'Denselben Graphen als Bild zeigt der ',
    explorer: 'Beziehungs-Explorer',
    explorerAfter: '.',
    language: 'Sprache',
  },
};
