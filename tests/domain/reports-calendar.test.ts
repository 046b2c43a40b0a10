// iCalendar text for the calendar feed (RFC 5545): escaping of TEXT values and folding of content
// lines at 75 octets, continuation lines starting with one space, never inside a UTF-8 character.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeText, fold } from '../../server/features/sharing/service'

const octets = (s: string) => Buffer.byteLength(s, 'utf8')
const unfold = (s: string) => s.replaceAll('\r\n ', '')

/** One character of 1 to 4 octets in UTF-8 (no CR or LF: content lines never hold them). */
const anyCharacter = fc.oneof(
  fc.constantFrom('a', ' ', 'é', '中', '🚀'),
  fc
    .integer({ min: 0x20, max: 0x10ffff })
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCodePoint(c)),
)

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and newlines, and nothing else', () => {
    expect(escapeText('Sprint 1; pilot, phase A\\B')).toBe('Sprint 1\\; pilot\\, phase A\\\\B')
    expect(escapeText('line one\nline two\r\nthree')).toBe('line one\\nline two\\nthree')
    expect(escapeText('MES · 质量追溯：第一阶段')).toBe('MES · 质量追溯：第一阶段')
    expect(escapeText('a:b "c"')).toBe('a:b "c"')
    // Escaping the backslash first: an escaped comma is not escaped twice.
    expect(escapeText('\\,')).toBe('\\\\\\,')
  })

  it('leaves no bare carriage return behind (it would break the content line)', () => {
    // Names are free text: an imported "Phase 1\rPhase 2" must not end the SUMMARY line early.
    expect(escapeText('Phase 1\rPhase 2')).not.toMatch(/\r/)
    expect(escapeText('a\r\rb\n')).not.toMatch(/[\r\n]/)
  })

  it('leaves no bare comma, semicolon or newline behind', () => {
    fc.assert(
      // Bare carriage returns have their own test above.
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '\\', '\n', ':', '中'), maxLength: 40 }),
        (s) => {
          const escaped = escapeText(s)
          expect(escaped).not.toMatch(/[\r\n]/)
          // Every , ; and \ is preceded by an odd number of backslashes.
          for (const m of escaped.matchAll(/(\\*)([,;])/g)) expect(m[1]!.length % 2).toBe(1)
        },
      ),
    )
  })
})

describe('fold', () => {
  it('leaves lines of up to 75 octets alone', () => {
    expect(fold('')).toBe('')
    const line = `SUMMARY:${'x'.repeat(67)}`
    expect(octets(line)).toBe(75)
    expect(fold(line)).toBe(line)
  })

  it('folds a longer line into 75 octets, then 74 plus the leading space', () => {
    const line = 'A'.repeat(75 + 74 + 10)
    expect(fold(line)).toBe(`${'A'.repeat(75)}\r\n ${'A'.repeat(74)}\r\n ${'A'.repeat(10)}`)
  })

  it('never splits a multi-byte character', () => {
    // 中 is 3 octets: 25 of them fill the first line exactly; the next line holds 24 after the space.
    const folded = fold('中'.repeat(60))
    const lines = folded.split('\r\n')
    expect(lines.map(octets)).toEqual([75, 73, 34])
    expect(lines[0]).toBe('中'.repeat(25))
    expect(lines[1]).toBe(` ${'中'.repeat(24)}`)
    // A 4-octet character at the edge moves to the next line whole.
    const emoji = fold(`${'x'.repeat(73)}🚀tail`)
    expect(emoji.split('\r\n')).toEqual(['x'.repeat(73), ' 🚀tail'])
  })

  it('keeps every line within 75 octets and unfolds back to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCharacter, maxLength: 300 }), (s) => {
        const folded = fold(s)
        expect(unfold(folded)).toBe(s)
        const lines = folded.split('\r\n')
        for (const [i, l] of lines.entries()) {
          expect(octets(l)).toBeLessThanOrEqual(75)
          if (i > 0) expect(l.startsWith(' ')).toBe(true)
          // Each physical line is whole UTF-8 on its own.
          expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l)
        }
      }),
      { numRuns: 300 },
    )
  })
})
