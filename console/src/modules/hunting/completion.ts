import { EVENT_FIELDS } from './api'

export interface Suggestion {
  value: string
  /** The whole query after choosing this suggestion. */
  query: string
}

const OPERATORS = ['AND', 'OR', 'NOT']

/**
 * Completion for the query under the cursor (at its end): field names while the last word has no
 * `:` yet, operators after a complete `field:value` term.
 */
export function suggest(query: string): Suggestion[] {
  const match = /(^|[\s(])([^\s():]*)$/.exec(query)
  if (!match) return []
  const word = match[2]
  const head = query.slice(0, query.length - word.length)
  if (word === '') {
    if (/\S$/.test(head.trimEnd()) && !/\b(AND|OR|NOT)\s*$/.test(head)) {
      return OPERATORS.map((op) => ({ value: op, query: head + op + ' ' }))
    }
    return EVENT_FIELDS.map((f) => ({ value: f, query: head + f + ':' }))
  }
  const lower = word.toLowerCase()
  const fields = EVENT_FIELDS.filter((f) => f.startsWith(lower) && f !== lower).map((f) => ({ value: f, query: head + f + ':' }))
  const ops = OPERATORS.filter((op) => op.startsWith(word.toUpperCase()) && op !== word).map((op) => ({ value: op, query: head + op + ' ' }))
  return [...fields, ...ops]
}
