// Finding a person as people type: "张", "zhang", "zw" and "wei" all find 张伟; Latin names and email
// addresses by their start or any part. Pinyin is worked out once per name (pinyin-pro).
import { pinyin } from 'pinyin-pro'

const HAN = /\p{Script=Han}/u
/** Names' search keys, kept while the process runs (bounded: names are few, but not trusted to be). */
const keysOf = new Map<string, string[]>()
const MAX_KEYS = 10_000

function keys(name: string): string[] {
  let found = keysOf.get(name)
  if (found) return found
  const lower = name.toLowerCase().replace(/\s+/g, '')
  found = [lower]
  if (HAN.test(name)) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).map((s) =>
      s.toLowerCase(),
    )
    found.push(syllables.join(''), syllables.map((s) => s[0] ?? '').join(''))
    // "wei" finds 张伟 too: each syllable from there on.
    for (let i = 1; i < syllables.length; i++) found.push(syllables.slice(i).join(''))
  } else {
    // "smith" finds "John Smith".
    found.push(...name.toLowerCase().split(/\s+/).filter(Boolean))
  }
  if (keysOf.size >= MAX_KEYS) keysOf.clear()
  keysOf.set(name, found)
  return found
}

/** How well `query` finds a person: 0 a key starts with it, 1 the name or email contains it, null not at all. */
export function nameMatch(query: string, name: string, email: string): 0 | 1 | null {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (!q) return 0
  const mail = email.toLowerCase()
  if (keys(name).some((key) => key.startsWith(q)) || (mail !== '' && mail.startsWith(q))) return 0
  if (name.toLowerCase().includes(q) || (mail !== '' && mail.split('@')[0]!.includes(q))) return 1
  return null
}
