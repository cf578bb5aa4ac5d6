import type { NaiveContext } from './naive.js';

// biome-ignore lint/suspicious/noExplicitAny: a tool's structured result is read field by field.
export type Structured = any;

export type ToolArgs = Record<string, number | string | boolean | undefined>;

/** The naive way to answer one tool's question, and how to compare the answers. */
export interface NaiveTool {
  /** The reads it makes, in a few words (printed with the results). */
  recipe: string;
  /** Answers the question; resolves to its fingerprint. */
  run(ctx: NaiveContext, args: ToolArgs): Promise<string>;
  /** The same fingerprint from our tool's structured result. */
  ours(result: Structured): string;
}
