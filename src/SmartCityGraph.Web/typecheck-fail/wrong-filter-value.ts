// This file must NOT compile: GetEvents' $where and $order are typed by the schema's input objects and
// enums, so a misspelt enum value or an unknown filter field is a compile-time error (one per line:
// TS2820 "did you mean PARTICIPATION", TS2322, TS2353).
import { GetEventsDocument } from '../src/gql/graphql';
import { execute } from '../src/client/execute';

export const misspeltCategory = execute(GetEventsDocument, { where: { category: { eq: 'PARTICIPATORY' } } });
export const unknownDirection = execute(GetEventsDocument, { order: [{ startDate: 'DOWN' }] });
export const unknownField = execute(GetEventsDocument, { where: { startYear: { eq: 2021 } } });
