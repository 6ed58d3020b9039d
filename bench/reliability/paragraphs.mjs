// Paragraphs that change from one check to the next, as a document being edited: each is new text (its number
// and a seeded choice of subject, verb and what follows), a short sentence, a quarter of them with a slip (a
// misspelling, a confused or a doubled word), so every check tokenizes, scores and runs REPLACE on new rows.
// Short, so that 2,000 checks take about a minute on one thread.
const SUBJECTS = ['The cat', 'The team', 'The report', 'The build', 'Our test', 'The patch', 'The server', 'The list'];
const VERBS = ['was', 'is', 'looked', 'seemed', 'stayed', 'became'];
const ENDS = ['late', 'fine', 'ready', 'done', 'quiet', 'small', 'new', 'slow', 'open', 'broken'];
const SLIPS = ['recieved', 'there', 'the the end', 'a old one', 'to late'];

/** The i-th paragraph: the same i always gives the same text, and no two i the same. */
export function paragraph(i) {
  let s = (i * 2654435761 + 12345) >>> 0;
  const pick = (list) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return list[(s >>> 8) % list.length]; };
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${i % 4 ? pick(ENDS) : pick(SLIPS)} ${i}.`;
}
