// This file must NOT compile: GetEvents declares `$first: Int`, and the typed document string carries
// that, so passing a string where a number belongs is a compile-time error (TS2322).
import { GetEventsDocument } from '../src/gql/graphql';
import { execute } from '../src/client/execute';

export const wrong = execute(GetEventsDocument, { first: 'ten' });
