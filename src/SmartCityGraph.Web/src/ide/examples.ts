import welcome from '../../examples/ShowTheSchema.graphql?raw';
import whoOrganised from '../../examples/WhoOrganisedMostEvents.graphql?raw';
import senateToPilots from '../../examples/SenateToPilots.graphql?raw';
import eventsPerMonth from '../../examples/EventsPerMonth.graphql?raw';
import civilSociety from '../../examples/CivilSocietyInSpring2021.graphql?raw';
import createAnEvent from '../../examples/CreateAnEvent.graphql?raw';

/** A saved example operation: the documents live in examples/ and are validated by the codegen on every build. */
export interface Example {
  title: string;
  question: string;
  query: string;
  variables?: string;
  /** Request headers the example needs, e.g. the Authorization header of an editing example (a placeholder to replace). */
  headers?: string;
}

export const examples: Example[] = [
  { title: 'Pilots', question: 'Which pilot projects are there, and who runs and funds them?', query: welcome },
  { title: 'Organisers', question: 'Who organised most events?', query: whoOrganised },
  { title: 'Senate → pilot', question: 'How is the Senate connected to a pilot project?', query: senateToPilots },
  {
    title: 'Events per month',
    question: 'How many events took place per month?',
    query: eventsPerMonth,
    variables: JSON.stringify({ from: '2021-03-01', to: '2021-04-01' }, null, 2),
  },
  {
    title: 'Civil society, spring 2021',
    question: 'Which civil-society groups organised events in spring 2021, and which events?',
    query: civilSociety,
  },
  {
    title: 'Edit: create an event',
    question: 'How does an editor add an event (with its source)? Needs a token in the Headers tab.',
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
