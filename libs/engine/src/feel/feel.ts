// FEEL through feelin, with Zeebe's convention: a value starting with `=` is an expression,
// anything else is a static value.
import { evaluate, parseExpression } from 'feelin';
import { toJson, type Json, type JsonObject } from '../runtime/json.js';

export type FeelResult = { ok: true; value: Json } | { ok: false; message: string };

export function isExpression(text: string): boolean {
  return text.trimStart().startsWith('=');
}

export function expressionBody(text: string): string {
  return text.trimStart().slice(1);
}

/** Returns a description of the first syntax error, or undefined when the expression parses. */
export function syntaxError(expression: string): string | undefined {
  let position: number | undefined;
  try {
    const tree = parseExpression(expression, {}, undefined);
    tree.iterate({
      enter: (node) => {
        if (position === undefined && node.type.isError) position = node.from;
      },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (expression.trim() === '') return 'expression is empty';
  return position === undefined ? undefined : `syntax error at position ${position}`;
}

export function evaluateExpression(expression: string, context: JsonObject): FeelResult {
  try {
    const result = evaluate(expression, context);
    return { ok: true, value: toJson(result.value) };
  } catch (error) {
    return { ok: false, message: `failed to evaluate expression '${expression}': ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Evaluates a Zeebe property: FEEL when prefixed with `=`, else the static text itself. */
export function evaluateProperty(text: string, context: JsonObject): FeelResult {
  return isExpression(text) ? evaluateExpression(expressionBody(text), context) : { ok: true, value: text };
}
