// What a user reads and is offered for a finding, in the editor (diagnostics, hover, quick fixes) and from
// the CLI (JSON, SARIF, JSONL) alike: the message, its severity, each fix's title, and which words may be
// ignored or added to a dictionary. No VS Code here, so both sides and the unit tests share it.
import type { Finding, Suggestion, WordScore } from './types';

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** A finding may span a line break ("the\nthe"): messages keep to one line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

export function describeSuggestion(text: string): string {
  return text === '' ? 'delete it' : `“${oneLine(text)}”`;
}

/**
 * What is wrong and how sure the engine is: the finding's score, the same number the hover and the heat map
 * show. A fix's own p (its share of that posterior) belongs to the fix: the fix titles and the hover list it.
 */
function findingHead(f: Finding): string {
  // A doubled phrase keeps several words ("during the during the" -> "during the").
  const words = /\s/.test(f.suggestions[0]?.text ?? '') ? 'words' : 'word';
  const what = f.kind === 'repeated' ? `Repeated ${words} “${oneLine(f.word)}”` : `“${oneLine(f.word)}” doesn't fit here`;
  return `${what} (${percent(f.score)} sure)`;
}

export function findingMessage(f: Finding): string {
  const best = f.suggestions[0];
  if (!best) return findingHead(f);
  return `${findingHead(f)} — ${best.text === '' ? 'delete it?' : `did you mean ${describeSuggestion(best.text)}?`}`;
}

/**
 * The hover on a word: for a flagged one its squiggle's head and every fix with its p; for one REPLACE scored
 * and not flagged, its posterior (what the heat map tints by); energy last, as a detail. undefined for a word
 * never scored: pNoise only screened it (or it is a name, a path, code), and a number there would be a second,
 * different "probability" beside the squiggle's.
 */
export function hoverText(w: WordScore | undefined, f: Finding | undefined): string | undefined {
  const energy = (x: { energy: number }) => ` · energy ${x.energy.toFixed(2)}`;
  // A scored word or a fix below half a percent is not "0%": REPLACE did give it a chance.
  const share = (p: number) => (p > 0 && p < 0.005 ? '<1%' : percent(p));
  if (f) {
    const fixes = f.suggestions.map((s) => `${describeSuggestion(s.text)} (${share(s.p)})`).join(', ');
    return `**Electric** ${findingHead(f)}${fixes ? ` · fixes: ${fixes}` : ''}${energy(f)}`;
  }
  if (w?.posterior === undefined) return undefined;
  return `**Electric** “${oneLine(w.word)}”: not flagged (${share(w.posterior)} sure it doesn't fit)${energy(w)}`;
}

/** Findings the model is sure about are warnings, the rest information (a higher sensitivity lets more in). */
export const WARNING_SCORE = 0.5;

export function severityOf(f: Finding): 'warning' | 'information' {
  return f.score >= WARNING_SCORE ? 'warning' : 'information';
}

/** The title of the fix that puts s in the finding's place. s.text is final: the engine already gave it the original's case. */
export function fixTitle(f: Finding, s: Suggestion): string {
  if (s.text === '') return `Delete “${oneLine(f.word)}” (${percent(s.p)})`;
  if (f.kind === 'repeated') return `Remove the repeated “${oneLine(s.text)}” (${percent(s.p)})`;
  return `Replace with “${oneLine(s.text)}” (${percent(s.p)})`;
}

export interface FixOffer { title: string; replacement: string; preferred: boolean }

/** The replacements offered for a finding: its suggestions best first, as the engine wrote them, the best preferred. */
export function fixOffers(f: Finding, max: number): FixOffer[] {
  return f.suggestions.slice(0, max).map((s, i) => ({ title: fixTitle(f, s), replacement: s.text, preferred: i === 0 }));
}

/**
 * Closed-class words: articles, pronouns, prepositions, conjunctions, auxiliaries and their contractions.
 * A dictionary entry for one would switch off the article, agreement or confusion checks of a whole
 * team with one click, so they are never offered for the workspace dictionary.
 */
const FUNCTION_WORDS = new Set((
  'a an the this that these those some any each every no all both either neither much many more most few ' +
  'less fewer other another such what which whose i me my mine myself you your yours yourself yourselves he ' +
  'him his himself she her hers herself it its itself we us our ours ourselves they them their theirs ' +
  'themselves who whom one about above across after against along among around as at before behind below ' +
  'beneath beside besides between beyond but by despite down during except for from in inside into like near ' +
  'of off on onto out outside over past per since than through throughout till to too toward towards under ' +
  'underneath until unlike up upon via with within without and or nor so yet if because although though ' +
  'unless whether while whereas where when whenever wherever then there here not am is are was were be been ' +
  'being have has had having do does did done can could may might must shall should will would ought ' +
  "isn't aren't wasn't weren't don't doesn't didn't hasn't haven't hadn't can't couldn't won't wouldn't " +
  "shouldn't mustn't it's they're you're we're i'm he's she's there's here's who's that's what's let's"
).split(' '));

export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word.toLowerCase().replace(/’/g, "'"));
}

/** Ignoring matches single words, so a span of several ("the the", a join) has nothing to ignore. */
export function offersIgnore(f: Finding): boolean {
  return /^\S+$/.test(f.word);
}

/** The workspace dictionary takes the words a team writes on purpose: not function words, not a doubled word. */
export function offersDictionary(f: Finding): boolean {
  return f.kind !== 'repeated' && offersIgnore(f) && !isFunctionWord(f.word);
}
