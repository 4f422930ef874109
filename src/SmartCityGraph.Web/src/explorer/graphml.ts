import type { EntityData, RelationData } from './model';

const escape = (value: string) =>
  value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

const data = (key: string, value: string | null | undefined) =>
  value == null || value === '' ? '' : `<data key="${key}">${escape(value)}</data>`;

/** The drawn view as GraphML (directed; node and edge attributes declared as keys), for Gephi, yEd, NetworkX, … */
export function toGraphML(nodes: readonly EntityData[], edges: readonly RelationData[], positions?: ReadonlyMap<string, { x: number; y: number }>): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="subtype" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="start" for="node" attr.name="start" attr.type="string"/>',
    '  <key id="end" for="node" attr.name="end" attr.type="string"/>',
    '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
    '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
    '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
    '  <key id="role" for="edge" attr.name="role" attr.type="string"/>',
    '  <key id="validFrom" for="edge" attr.name="validFrom" attr.type="string"/>',
    '  <key id="validTo" for="edge" attr.name="validTo" attr.type="string"/>',
    '  <graph id="SmartCityGraph" edgedefault="directed">',
  ];
  for (const n of nodes) {
    const p = positions?.get(n.id);
    lines.push(
      `    <node id="${escape(n.id)}">${data('label', n.title)}${data('kind', n.kind)}${data('subtype', n.subtype)}` +
        `${data('start', n.start)}${data('end', n.end)}${p ? data('x', p.x.toFixed(1)) + data('y', p.y.toFixed(1)) : ''}</node>`,
    );
  }
  for (const e of edges) {
    lines.push(
      `    <edge id="${escape(e.id)}" source="${escape(e.from)}" target="${escape(e.to)}">${data('relation', e.type)}` +
        `${data('role', e.role)}${data('validFrom', e.validFrom)}${data('validTo', e.validTo)}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
