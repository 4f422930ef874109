// Runs the graphql-http server audits (GraphQL-over-HTTP spec conformance) against the URL in argv[2].
// Prints one line per audit and a summary; exits 1 when any MUST fails, 2 on a usage or fatal error.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const level = (name) => (name.startsWith('MUST') ? 'MUST' : name.startsWith('SHOULD') ? 'SHOULD' : 'MAY');
const counts = { MUST: { ok: 0, failed: 0 }, SHOULD: { ok: 0, failed: 0 }, MAY: { ok: 0, failed: 0 } };

// Sequential on purpose: the output order is stable and the server sees one request at a time.
for (const { fn } of serverAudits({ url })) {
  const result = await fn();
  const kind = level(result.name);
  counts[kind][result.status === 'ok' ? 'ok' : 'failed']++;
  const reason = result.status === 'ok' ? '' : ` -- ${result.reason}`;
  console.log(`AUDIT ${result.id} ${result.status.toUpperCase()} ${result.name}${reason}`);
}

const line = (k) => `${k} ${counts[k].ok} passed, ${counts[k].failed} failed`;
console.log(`SUMMARY ${line('MUST')}; ${line('SHOULD')}; ${line('MAY')}`);
process.exit(counts.MUST.failed > 0 ? 1 : 0);
