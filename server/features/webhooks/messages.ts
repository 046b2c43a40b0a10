// Human sentences for chat groups, in zh-CN or en: "张伟 把 MES-12 移到了 进行中".
import {
  ENTITY_WORDS,
  type Language,
  REQUIREMENT_STATUS_WORDS,
  TASK_STATUS_WORDS,
  word,
} from '../../lib/words'
import type { EventFacts } from './facts'

interface Parts {
  actor: string
  what: string
  key: string
  title: string
  status: string
  customer: string
  excerpt: string
}

type Template = (p: Parts) => string

const ACTION_VERBS: Record<string, Record<Language, string>> = {
  created: { 'zh-CN': '创建了', en: 'created' },
  updated: { 'zh-CN': '更新了', en: 'updated' },
  deleted: { 'zh-CN': '删除了', en: 'deleted' },
  moved: { 'zh-CN': '移动了', en: 'moved' },
  transitioned: { 'zh-CN': '变更了', en: 'changed the status of' },
}

const item = (p: Parts, lang: Language) =>
  lang === 'zh-CN'
    ? `${p.what} ${p.key}${p.title ? `「${p.title}」` : ''}`
    : `${p.what} ${p.key}${p.title ? ` “${p.title}”` : ''}`

const TEMPLATES: Record<Language, Record<string, Template>> = {
  'zh-CN': {
    'task.moved': (p) => `${p.actor} 把 ${p.key} 移到了 ${p.status}`,
    'requirement.transitioned': (p) => `${p.actor} 把需求 ${p.key} 改为 ${p.status}`,
    'requirement.moved': (p) => `${p.actor} 调整了需求 ${p.key} 在需求池中的排序`,
    'comment.created': (p) => `${p.actor} 评论了 ${p.key}：${p.excerpt}`,
    'ask.created': (p) => `${p.actor} 登记了 ${p.customer} 对 ${p.key} 的诉求`,
    'ask.deleted': (p) => `${p.actor} 删除了 ${p.customer} 对 ${p.key} 的诉求`,
    'webhook.test': () => '这是一条来自 Keel 的测试消息：Webhook 已接通。',
  },
  en: {
    'task.moved': (p) => `${p.actor} moved ${p.key} to ${p.status}`,
    'requirement.transitioned': (p) => `${p.actor} moved requirement ${p.key} to ${p.status}`,
    'requirement.moved': (p) => `${p.actor} re-ranked requirement ${p.key} in the backlog`,
    'comment.created': (p) => `${p.actor} commented on ${p.key}: ${p.excerpt}`,
    'ask.created': (p) => `${p.actor} recorded an ask from ${p.customer} for ${p.key}`,
    'ask.deleted': (p) => `${p.actor} removed the ask from ${p.customer} for ${p.key}`,
    'webhook.test': () => 'A test message from Keel: the webhook works.',
  },
}

/** The sentence for an event, e.g. "张伟 把 MES-12 移到了 进行中". */
export function sentence(facts: EventFacts, lang: Language): string {
  const statusTable = facts.entity.type === 'requirement' ? REQUIREMENT_STATUS_WORDS : TASK_STATUS_WORDS
  const parts: Parts = {
    actor: facts.actor.name ?? 'Keel',
    what: word(ENTITY_WORDS, facts.entity.type, lang),
    key: facts.entity.key ?? (facts.entity.title ? '' : `#${facts.entity.id}`),
    title: facts.entity.title ?? '',
    status: word(statusTable, facts.entity.status, lang),
    customer: facts.customerName ?? (lang === 'zh-CN' ? '客户' : 'a customer'),
    excerpt: facts.excerpt ?? '',
  }
  const template = TEMPLATES[lang][facts.event]
  if (template) return template(parts)
  const verb = ACTION_VERBS[facts.action]?.[lang] ?? facts.action
  const sep = lang === 'zh-CN' ? '' : ' '
  return `${parts.actor} ${verb}${sep}${item(parts, lang)}`.replace(/\s+/g, ' ').trim()
}

/** A short heading: the product (or Keel) and the kind of event. */
export function heading(facts: EventFacts, lang: Language): string {
  const what = word(ENTITY_WORDS, facts.entity.type, lang)
  const scope = facts.productKey ? `Keel · ${facts.productKey}` : 'Keel'
  if (facts.event === 'webhook.test') return `${scope} · ${lang === 'zh-CN' ? '测试' : 'Test'}`
  return `${scope} · ${lang === 'zh-CN' ? what : what.charAt(0).toUpperCase() + what.slice(1)}`
}

export const openLabel = (lang: Language) => (lang === 'zh-CN' ? '在 Keel 中查看' : 'Open in Keel')
