// A set of sentences read as documents (bench/quality.mjs, set realdoc).

/**
 * A set of sentences as documents: the items of each source (the id up to its commit: "nuxt-nuxt-5b8b680-1" is
 * nuxt/nuxt's), in the set's order, joined one a paragraph; the items with errors make one document and the clean
 * twins (ids ending "-ok") another. Errors keep their fields, at their offsets in the document.
 */
export function documentsOf(items) {
  const docs = new Map();
  for (const item of items) {
    const clean = item.id.endsWith('-ok');
    const id = `${item.id.split('-').slice(0, 2).join('-')}-doc${clean ? '-ok' : ''}`;
    const doc = docs.get(id) ?? docs.set(id, { id, text: '', errors: [] }).get(id);
    if (doc.text) doc.text += '\n\n';
    const base = doc.text.length;
    doc.text += item.text;
    for (const e of item.errors ?? []) doc.errors.push({ ...e, start: base + e.start, end: base + e.end });
  }
  return [...docs.values()];
}
