// Text people typed inside Markdown Keel writes: escapeMarkdown, and the two Markdown chat robots
// (DingTalk, WeCom) carrying a title, a customer name and a comment excerpt that try to be Markdown.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EventFacts } from '../../server/features/webhooks/facts'
import { buildBody } from '../../server/features/webhooks/formats'
import { escapeMarkdown } from '../../server/lib/markdown'

describe('escapeMarkdown', () => {
  it.each([
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['![x](http://t.example/p.png)', '\\!\\[x\\](http://t.example/p.png)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. first', '1\\. first'],
    ['> quote', '\\> quote'],
    ['**bold** _em_ `code` ~~s~~ a|b', '\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~s\\~\\~ a\\|b'],
    ['&lt; entity', '\\&lt; entity'],
    ['back\\slash', 'back\\\\slash'],
    ['line one\n\n## two\r\n- three', 'line one ## two - three'],
    // What reads the same stays the same: keys, dates, sentences, Chinese.
    ['MES-12 due 2026-12-01. Done.', 'MES-12 due 2026-12-01. Done.'],
    ['设备点检：扫码报工（第 2 版）', '设备点检：扫码报工（第 2 版）'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped)
  })

  it('never leaves a line break, an unescaped bracket, angle, backtick or asterisk', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', '<', '>', '`', '*', '\\', '\n', 'a', ' ', '#') }),
        (s) => {
          const out = escapeMarkdown(s)
          expect(out).not.toMatch(/[\r\n]/)
          // Every syntax character is preceded by an odd run of backslashes (it is escaped).
          for (const m of out.matchAll(/(\\*)([[\]<>`*])/g)) expect(m[1]!.length % 2, out).toBe(1)
        },
      ),
      { numRuns: 300 },
    )
  })
})

const facts = (over: Partial<EventFacts>): EventFacts => ({
  event: 'requirement.created',
  action: 'created',
  workspaceId: 1,
  productId: 1,
  productKey: 'MES',
  entity: {
    type: 'requirement',
    id: 1,
    key: 'MES-1',
    title: '[Win a prize](http://evil.example)',
    status: 'draft',
  },
  actor: { id: 1, name: '<b>Mallory</b>' },
  occurredAt: '2026-12-01T08:00:00.000Z',
  customerName: null,
  parentKey: null,
  excerpt: null,
  url: 'http://keel.example/w/1/i/MES-1',
  ...over,
})

describe('the Markdown robots', () => {
  it.each(['dingtalk', 'wecom'] as const)(
    '%s: typed text reads as text, Keel’s own link still works',
    (preset) => {
      for (const f of [
        facts({}),
        facts({ event: 'comment.created', excerpt: '![pixel](http://t.example/p.png) see <script>' }),
        facts({
          event: 'ask.created',
          entity: { ...facts({}).entity, type: 'ask' },
          customerName: '[ACME](http://x)',
        }),
      ]) {
        const body = JSON.parse(buildBody(preset, f, 'en'))
        const text: string = preset === 'dingtalk' ? body.markdown.text : body.markdown.content
        expect(text).not.toMatch(/(?<!\\)\[(Win|ACME|pixel)/)
        expect(text).not.toMatch(/(?<!\\)<(b|script)>/)
        expect(text).toMatch(/\[Open in Keel\]\(http:\/\/keel\.example\/w\/1\/i\/MES-1\)$/)
      }
    },
  )
})
