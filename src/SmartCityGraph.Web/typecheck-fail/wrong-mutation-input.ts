// This file must NOT compile: CreateEventInput requires `sources` (every change cites a source) and takes the
// schema's enum values, so leaving the sources out (TS2741) or misspelling a category (TS2820) is a compile-time error.
import { CreateEventDocument } from '../src/gql/graphql';
import { createClient } from '../src/client/execute';

const client = createClient({ token: 'a token from `token --role editor --name NAME`' });

export const unsourced = client.execute(CreateEventDocument, {
  input: { title: 'Workshop', startDate: '2023-05-04', category: 'PARTICIPATION' },
});

export const misspelt = client.execute(CreateEventDocument, {
  input: { title: 'Workshop', startDate: '2023-05-04', category: 'PARTICIPATORY', sources: [{ title: 'Press release' }] },
});
