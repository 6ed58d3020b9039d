// electric-check's outputs: compiler-style text, JSON, SARIF 2.1.0, and the peers' JSONL form. Messages,
// severities and fix titles are the editor's own (engine/messages.ts).
// Lines and columns are 1-based; columns count UTF-16 code units (SARIF's columnKind utf16CodeUnits),
// the same offsets VS Code and the JSON output use.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findingMessage, fixTitle, severityOf } from '../engine/messages';
import type { Finding, FindingKind, WordScore } from '../engine/types';
import { LineIndex } from '../text/lines';

export interface FileResult { file: string; language: string; text: string; findings: Finding[]; words?: WordScore[] }
export interface Problem { file: string; message: string }

export interface Position { line: number; column: number }

/** 1-based line and column of a UTF-16 offset, from the line index the parsers share (LF, CRLF, lone CR). */
export function position(index: LineIndex, offset: number): Position {
  const p = index.position(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/** `file:line:col: word — suggestion (p=0.93)`, one line per finding. */
export function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const index = new LineIndex(r.text);
    for (const f of r.findings) {
      const { line, column } = position(index, f.start);
      const best = f.suggestions[0];
      const fix = best ? `${best.text === '' ? '(delete)' : best.text} (p=${best.p.toFixed(2)})` : `no suggestion (score=${f.score.toFixed(2)})`;
      lines.push(`${r.file}:${line}:${column}: ${oneLine(f.word)} — ${fix}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}

export function formatJson(results: FileResult[], skipped: Problem[], errors: Problem[]): string {
  const files = results.map((r) => {
    const index = new LineIndex(r.text);
    return {
      file: r.file, language: r.language,
      findings: r.findings.map((f) => {
        const s = position(index, f.start), e = position(index, f.end);
        return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column, ...f, message: findingMessage(f) };
      }),
      ...(r.words ? { words: r.words } : {}),
    };
  });
  return JSON.stringify({ files, skipped, errors }, null, 2) + '\n';
}

/**
 * One evaluation line in the form of ../shared/peers (UTF-16 offsets, suggestions best first), plus the
 * numbers the benchmark's calibration reads: `p`, the probability that the flagged text is wrong (the
 * finding's score), and `suggestionP`, each suggestion's probability, parallel to `suggestions` (shares of
 * the same posterior). Readers of the peers' form ignore both.
 */
export function formatJsonlLine(id: unknown, text: string, findings: Finding[]): string {
  const flags = findings.map((f) => ({
    start: f.start, end: f.end, p: round4(f.score), suggestions: f.suggestions.map((s) => s.text), suggestionP: f.suggestions.map((s) => round4(s.p)),
    text: text.slice(f.start, f.end), message: findingMessage(f),
  }));
  return JSON.stringify({ id, peer: 'electric', flags }) + '\n';
}

const RULES: { id: FindingKind; name: string; text: string }[] = [
  { id: 'spelling', name: 'Spelling', text: 'A misspelled word: the model finds it implausible here and a close spelling fits.' },
  { id: 'word-choice', name: 'WordChoice', text: 'A real word that does not fit its context (their/there, then/than, ...).' },
  { id: 'grammar', name: 'Grammar', text: 'A word form that does not agree with its context (is/are, has/have, ...).' },
  { id: 'repeated', name: 'RepeatedWord', text: 'A word written twice in a row.' },
];

export function formatSarif(results: FileResult[], errors: Problem[], version: string): string {
  const root = pathToFileURL(process.cwd() + path.sep).href;
  const uri = (file: string): string =>
    file === '<stdin>' ? 'stdin' : path.relative(process.cwd(), path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
  const sarifResults = results.flatMap((r) => {
    const index = new LineIndex(r.text);
    return r.findings.map((f) => {
      const s = position(index, f.start), e = position(index, f.end);
      const region = { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
      const location = { artifactLocation: { uri: uri(r.file), uriBaseId: 'SRCROOT' } };
      const ruleIndex = RULES.findIndex((rule) => rule.id === f.kind);
      return {
        ruleId: f.kind, ruleIndex, level: severityOf(f) === 'warning' ? 'warning' : 'note',
        message: { text: findingMessage(f) },
        locations: [{ physicalLocation: { ...location, region: { ...region, snippet: { text: f.word } } } }],
        fixes: f.suggestions.map((sug) => ({
          description: { text: fixTitle(f, sug) },
          artifactChanges: [{ ...location, replacements: [{ deletedRegion: region, insertedContent: { text: sug.text } }] }],
        })),
        properties: { score: f.score, energy: f.energy, pNoise: f.pNoise },
      };
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: {
        name: 'electric-check', version, informationUri: 'https://github.com/electric-proofreader/electric-proofreader',
        rules: RULES.map((r) => ({ id: r.id, name: r.name, shortDescription: { text: r.text }, defaultConfiguration: { level: 'warning' } })),
      } },
      originalUriBaseIds: { SRCROOT: { uri: root } },
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: errors.length === 0,
        toolExecutionNotifications: errors.map((e) => ({
          level: 'error', message: { text: e.message },
          locations: e.file === '<stdin>' || e.file === '' ? [] : [{ physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: 'SRCROOT' } } }],
        })),
      }],
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Four decimals: finer than any bin or message needs, and stable lines to compare. */
function round4(p: number): number {
  return Math.round(p * 1e4) / 1e4;
}

/** A finding can span a line break ("the\nthe"): compiler-style output keeps one finding a line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
