// The Chinese UI uses full-width punctuation next to Chinese text (issue 14): "，" "：" "；" "！" "？" "（）",
// never "," ":" ";" "!" "?" "()" beside a Chinese character. Checked over the whole zh-CN dictionary.
import { describe, expect, it } from 'vitest'
import { zhCN } from '../../web/src/i18n/zh-cn'

const CJK = '[\\u3400-\\u9fff\\uf900-\\ufaff]'
/** ASCII punctuation touching a Chinese character on either side. */
const HALF_WIDTH = new RegExp(`${CJK}[,:;!?()]|[,:;!?()]${CJK}|${CJK} [(]|[)] ${CJK}`)

function strings(value: unknown, path: string, out: [string, string][]) {
  if (typeof value === 'string') out.push([path, value])
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) strings(inner, path ? `${path}.${key}` : key, out)
  return out
}

describe('the Chinese dictionary', () => {
  it('uses full-width punctuation next to Chinese text', () => {
    const offenders = strings(zhCN, '', [])
      .filter(([, text]) => HALF_WIDTH.test(text.replace(/\{\{[^}]*\}\}/g, 'x')))
      .map(([path, text]) => `${path}: ${text}`)
    expect(offenders).toEqual([])
  })
})
