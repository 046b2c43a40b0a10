// Dates as the source systems write them: ISO, Jira's "12/Mar/24 3:04 PM" (also with Chinese month
// names and 上午/下午), "2024-03-12 15:04", "2024/3/12". Times without a zone are taken as UTC.

import { inDateWindow } from '../../../domain/limits'

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  一月: 1,
  二月: 2,
  三月: 3,
  四月: 4,
  五月: 5,
  六月: 6,
  七月: 7,
  八月: 8,
  九月: 9,
  十月: 10,
  十一月: 11,
  十二月: 12,
  '1月': 1,
  '2月': 2,
  '3月': 3,
  '4月': 4,
  '5月': 5,
  '6月': 6,
  '7月': 7,
  '8月': 8,
  '9月': 9,
  '10月': 10,
  '11月': 11,
  '12月': 12,
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null {
  if (y < 100) y += 2000
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date.toISOString()
}

function hour12(h: number, marker: string | undefined): number {
  if (!marker) return h
  const pm = /^(pm|下午|晚上)$/i.test(marker)
  if (pm && h < 12) return h + 12
  if (!pm && h === 12) return 0
  return h
}

/**
 * An ISO-8601 UTC timestamp, or null for empty, zero ("0000-00-00") and unreadable values, and for
 * dates outside the window Keel accepts anywhere (a typo such as 0202 or 9999 is no date at all).
 */
export function parseDateTime(value: unknown): string | null {
  const parsed = readDateTime(value)
  return parsed && inDateWindow(parsed) ? parsed : null
}

function readDateTime(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const v = value.trim()
  if (!v || /^0000-00-00/.test(v)) return null
  // ISO with a zone (Jira REST: 2024-03-12T15:04:05.000+0800, GitHub: 2024-03-12T15:04:05Z).
  let m = v.match(/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/)
  if (m) {
    const zone = m[7] === 'Z' ? 'Z' : `${m[7]!.slice(0, 3)}:${m[7]!.slice(-2)}`
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  // 2024-03-12, 2024-03-12 15:04, 2024/3/12 15:04:05, 2024年3月12日
  m = v.match(
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(上午|下午)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|上午|下午)?)?$/i,
  )
  if (m) {
    const h = hour12(Number(m[5] ?? 0), m[8] ?? m[4])
    return build(Number(m[1]), Number(m[2]), Number(m[3]), h, Number(m[6] ?? 0), Number(m[7] ?? 0))
  }
  // Jira: 12/Mar/24 3:04 PM, 12/三月/24 3:04 下午, 12/Mar/2024 15:04
  m = v.match(
    /^(\d{1,2})[/ -]([^/\s\d-]+|\d{1,2}月)[/ -](\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM|上午|下午)?)?$/i,
  )
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()]
    if (!month) return null
    const h = hour12(Number(m[4] ?? 0), m[7])
    return build(Number(m[3]), month, Number(m[1]), h, Number(m[5] ?? 0), Number(m[6] ?? 0))
  }
  // US style: 3/12/2024 15:04 (month first, as Excel in en-US writes)
  m = v.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i)
  if (m) {
    const h = hour12(Number(m[4] ?? 0), m[7])
    return build(Number(m[3]), Number(m[1]), Number(m[2]), h, Number(m[5] ?? 0), Number(m[6] ?? 0))
  }
  return null
}

/** A calendar date YYYY-MM-DD, or null. */
export function parseDate(value: unknown): string | null {
  return parseDateTime(value)?.slice(0, 10) ?? null
}
