import { describe, expect, it } from 'vitest'
import { suggest } from '../completion'

describe('query completion', () => {
  it('completes field names from their start', () => {
    const s = suggest('proc')
    expect(s.map((x) => x.value)).toContain('process_name')
    expect(s.find((x) => x.value === 'process_name')!.query).toBe('process_name:')
  })

  it('completes the last word only', () => {
    expect(suggest('process_name:svchost.exe AND pa').map((x) => x.query)).toContain('process_name:svchost.exe AND path:')
  })

  it('offers operators after a complete term', () => {
    expect(suggest('process_name:svchost.exe ').map((x) => x.value)).toEqual(['AND', 'OR', 'NOT'])
  })

  it('offers fields after an operator and inside parentheses', () => {
    expect(suggest('a:1 AND ').length).toBeGreaterThan(20)
    expect(suggest('(src').map((x) => x.value)).toContain('src_ip')
  })
})
