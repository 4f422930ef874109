// Copies the persisted-document manifest that graphql-codegen wrote (src/gql/persisted-documents.json:
// { "sha256:<hex>": "document" }) to schema/persisted/web.json, where the server loads its trusted documents.
// Keys sorted and one entry per line, so that the committed file changes only when an operation does; the
// file is rewritten only when its content changes (no needless rebuilds of the server that copies it).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../src/gql/persisted-documents.json');
const target = resolve(here, '../../../schema/persisted/web.json');

const documents = JSON.parse(readFileSync(source, 'utf8'));
const sorted = {};
for (const id of Object.keys(documents).sort()) {
  const expected = 'sha256:' + createHash('sha256').update(documents[id], 'utf8').digest('hex');
  if (id !== expected) throw new Error(`persisted document ${id} does not hash to its id (${expected})`);
  sorted[id] = documents[id];
}
const text = JSON.stringify(sorted, null, 2) + '\n';
mkdirSync(dirname(target), { recursive: true });
if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
console.log(`schema/persisted/web.json: ${Object.keys(sorted).length} trusted documents`);
