// The emails Keel writes, in zh-CN or en, as HTML and plain text: changes to one item, the daily digest,
// a password reset link, an invitation, an address to confirm, and a test. Every text that comes from
// the data is escaped in the HTML; the layout is a plain table that mail clients render alike.
import type { NotificationKind } from '../../../domain/vocabulary'
import { type Language, REQUIREMENT_STATUS_WORDS, TASK_STATUS_WORDS } from '../../lib/words'

export interface Rendered {
  subject: string
  text: string
  html: string
}

/** A notification as an email shows it. */
export interface MailNotification {
  kind: NotificationKind
  entityType: string
  /** Null for a reminder: Keel itself says it. */
  actorId: number | null
  actorName: string | null
  data: Record<string, unknown>
  excerpt: string | null
  createdAt: string
}

/** An item and what happened to it. */
export interface MailItem {
  key: string | null
  title: string
  url: string
  notifications: MailNotification[]
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')

const W = {
  en: {
    keel: 'Keel',
    someone: 'Someone',
    oneCustomer: 'a customer',
    customers: '{count} customers',
    notForecast: 'not planned yet',
    updates: '{count} updates',
    open: 'Open in Keel',
    openInbox: 'Open your inbox',
    why: 'You get this email because you chose email for these notifications in Keel.',
    whyDigest: 'You get this digest because you chose the daily digest for these notifications in Keel.',
    unsubscribe: 'Stop these emails',
    settings: 'Notification settings',
    digestSubject: 'Keel daily digest: {count} updates on {items} items',
    digestIntro: 'What happened on the work you follow since the last digest.',
    resetSubject: 'Reset your Keel password',
    resetIntro:
      'Someone (we hope you) asked to reset the password of your Keel account {email}. The link works once, for one hour.',
    resetAction: 'Choose a new password',
    resetIgnore: 'If you did not ask for this, ignore this email: your password stays as it is.',
    inviteSubject: '{inviter} invited you to {workspace} on Keel',
    inviteIntro: '{inviter} invited you to join the workspace {workspace} on Keel.',
    inviteAction: 'Accept the invitation',
    inviteExpires: 'The invitation expires on {date}.',
    verifySubject: 'Confirm your new Keel email address',
    verifyIntro:
      'Confirm that {email} is your new email address on Keel. The link works once, for one day; until then your old address stays.',
    verifyAction: 'Confirm this address',
    changedSubject: 'Your Keel email address is changing',
    changedIntro:
      'Someone signed in to your Keel account asked to change its email address to {email}. If this was not you, change your password now.',
    testSubject: 'A test email from Keel',
    testIntro: 'Keel can send email from this server. Nothing else to do.',
    lines: {
      assigned: '{actor} assigned it to you',
      mentioned: '{actor} mentioned you',
      commented: '{actor} commented',
      status_changed: '{actor} changed the status: {from} → {to}',
      blocked: '{actor} marked it blocked',
      unblocked: '{actor} unblocked it',
      due_soon: 'Due tomorrow ({date})',
      overdue: 'Overdue: it was due on {date}',
      promise_at_risk: 'Promised to {customers} for {date}; the forecast says {forecast}',
      iteration_started: '{actor} started the iteration',
      iteration_completed: '{actor} completed the iteration',
      invite_accepted: '{actor} accepted your invitation',
    } satisfies Record<NotificationKind, string>,
    reason: 'Reason: {reason}',
  },
  'zh-CN': {
    keel: 'Keel',
    someone: '有人',
    oneCustomer: '1 家客户',
    customers: '{count} 家客户',
    notForecast: '尚未排期',
    updates: '{count} 条更新',
    open: '在 Keel 中打开',
    openInbox: '打开收件箱',
    why: '你收到这封邮件，是因为你在 Keel 中为这些通知选择了邮件。',
    whyDigest: '你收到这封摘要，是因为你在 Keel 中为这些通知选择了每日摘要。',
    unsubscribe: '不再接收这类邮件',
    settings: '通知设置',
    digestSubject: 'Keel 每日摘要：{items} 项工作的 {count} 条更新',
    digestIntro: '自上次摘要以来，你关注的工作发生了这些变化。',
    resetSubject: '重置你的 Keel 密码',
    resetIntro: '有人（希望是你）申请重置 Keel 账号 {email} 的密码。链接只能使用一次，1 小时内有效。',
    resetAction: '设置新密码',
    resetIgnore: '如果不是你申请的，请忽略这封邮件，你的密码不会改变。',
    inviteSubject: '{inviter} 邀请你加入 Keel 上的 {workspace}',
    inviteIntro: '{inviter} 邀请你加入 Keel 工作区 {workspace}。',
    inviteAction: '接受邀请',
    inviteExpires: '邀请在 {date} 失效。',
    verifySubject: '确认你在 Keel 的新邮箱地址',
    verifyIntro:
      '请确认 {email} 是你在 Keel 的新邮箱地址。链接只能使用一次，1 天内有效；确认之前仍使用旧地址。',
    verifyAction: '确认这个地址',
    changedSubject: '你的 Keel 邮箱地址即将更改',
    changedIntro: '登录你 Keel 账号的人申请把邮箱地址改为 {email}。如果不是你本人操作，请立即修改密码。',
    testSubject: '来自 Keel 的测试邮件',
    testIntro: '这台服务器上的 Keel 可以发送邮件，无需其他操作。',
    lines: {
      assigned: '{actor} 把它指派给了你',
      mentioned: '{actor} 提到了你',
      commented: '{actor} 发表了评论',
      status_changed: '{actor} 更改了状态：{from} → {to}',
      blocked: '{actor} 将其标记为阻塞',
      unblocked: '{actor} 解除了阻塞',
      due_soon: '明天到期（{date}）',
      overdue: '已逾期：截止日期是 {date}',
      promise_at_risk: '已向 {customers} 承诺 {date} 交付；预测为 {forecast}',
      iteration_started: '{actor} 开始了迭代',
      iteration_completed: '{actor} 完成了迭代',
      invite_accepted: '{actor} 接受了你的邀请',
    } satisfies Record<NotificationKind, string>,
    reason: '原因：{reason}',
  },
} as const

const statusWord = (entityType: string, status: unknown, lang: Language) => {
  const table = entityType === 'requirement' ? REQUIREMENT_STATUS_WORDS : TASK_STATUS_WORDS
  return typeof status === 'string' ? (table[status]?.[lang] ?? status) : ''
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** One notification as a sentence, and what it quotes (a comment, a reason), if anything. */
export function lineOf(n: MailNotification, lang: Language): { line: string; quote: string | null } {
  const w = W[lang]
  const customers = Number(n.data.customers ?? 1)
  const line = fill(w.lines[n.kind], {
    actor: n.actorName ?? (n.actorId === null ? w.keel : w.someone),
    from: statusWord(n.entityType, n.data.from, lang),
    to: statusWord(n.entityType, n.data.to, lang),
    date: text(n.data.dueDate) || text(n.data.promisedDate),
    forecast: text(n.data.forecastDate) || w.notForecast,
    customers: customers > 1 ? fill(w.customers, { count: String(customers) }) : w.oneCustomer,
  })
  const quote =
    n.kind === 'blocked' && typeof n.data.reason === 'string'
      ? fill(w.reason, { reason: n.data.reason })
      : (n.kind === 'commented' || n.kind === 'mentioned') && n.excerpt
        ? n.excerpt
        : null
  return { line, quote }
}

interface Layout {
  lang: Language
  heading: string
  intro?: string
  items?: MailItem[]
  action?: { label: string; url: string }
  notes?: string[]
  /** Why the person gets it, and how to stop it. */
  footer?: { why: string; unsubscribeUrl: string; settingsUrl: string }
}

function itemText(item: MailItem, lang: Language, withUrl: boolean): string {
  const head = `${item.key ? `${item.key} ` : ''}${item.title}`
  const lines = item.notifications.map((n) => {
    const { line, quote } = lineOf(n, lang)
    return `- ${line}${quote ? `\n  > ${quote.replace(/\n+/g, ' ')}` : ''}`
  })
  return `${head}\n${lines.join('\n')}${withUrl ? `\n${item.url}` : ''}`
}

function itemHtml(item: MailItem, lang: Language): string {
  const lines = item.notifications
    .map((n) => {
      const { line, quote } = lineOf(n, lang)
      const q = quote
        ? `<div style="margin:4px 0 0;padding:4px 8px;border-left:3px solid #d0d5dd;color:#475467">${esc(quote)}</div>`
        : ''
      return `<li style="margin:0 0 6px">${esc(line)}${q}</li>`
    })
    .join('')
  const key = item.key ? `<span style="color:#667085">${esc(item.key)}</span> ` : ''
  return (
    `<div style="margin:0 0 18px"><a href="${esc(item.url)}" style="color:#1d2939;font-weight:600;text-decoration:none">${key}${esc(item.title)}</a>` +
    `<ul style="margin:6px 0 0;padding-left:18px;color:#344054">${lines}</ul></div>`
  )
}

function layout(l: Layout): { text: string; html: string } {
  const w = W[l.lang]
  // An item's address once: not again beside the action that opens the same page.
  const parts = [
    l.heading,
    l.intro,
    ...(l.items ?? []).map((i) => itemText(i, l.lang, i.url !== l.action?.url)),
  ]
  if (l.action) parts.push(`${l.action.label}: ${l.action.url}`)
  parts.push(...(l.notes ?? []))
  if (l.footer)
    parts.push(
      `--\n${l.footer.why}\n${w.unsubscribe}: ${l.footer.unsubscribeUrl}\n${w.settings}: ${l.footer.settingsUrl}`,
    )
  const textBody = `${parts.filter(Boolean).join('\n\n')}\n`

  const button = l.action
    ? `<p style="margin:20px 0"><a href="${esc(l.action.url)}" style="display:inline-block;padding:8px 16px;background:#2e5aac;color:#ffffff;border-radius:6px;text-decoration:none">${esc(l.action.label)}</a></p>`
    : ''
  const footer = l.footer
    ? `<p style="margin:24px 0 0;padding-top:12px;border-top:1px solid #eaecf0;color:#667085;font-size:12px">${esc(l.footer.why)}<br>` +
      `<a href="${esc(l.footer.unsubscribeUrl)}" style="color:#667085">${esc(w.unsubscribe)}</a> · ` +
      `<a href="${esc(l.footer.settingsUrl)}" style="color:#667085">${esc(w.settings)}</a></p>`
    : ''
  const html =
    `<!doctype html><html lang="${l.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>` +
    `<body style="margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.5">` +
    `<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #eaecf0;border-radius:8px"><tr><td style="padding:24px">` +
    `<p style="margin:0 0 4px;color:#667085;font-size:12px">Keel</p>` +
    `<h1 style="margin:0 0 12px;font-size:18px;color:#101828">${esc(l.heading)}</h1>` +
    (l.intro ? `<p style="margin:0 0 16px;color:#344054">${esc(l.intro)}</p>` : '') +
    (l.items ?? []).map((i) => itemHtml(i, l.lang)).join('') +
    button +
    (l.notes ?? []).map((n) => `<p style="margin:0 0 8px;color:#475467">${esc(n)}</p>`).join('') +
    footer +
    `</td></tr></table></body></html>`
  return { text: textBody, html }
}

export interface Footer {
  unsubscribeUrl: string
  settingsUrl: string
}

/** Changes to one item: "[MES-42] Wire the PLC tags", with how many updates when more than one. */
export function notificationsEmail(lang: Language, item: MailItem, footer: Footer): Rendered {
  const w = W[lang]
  const count = item.notifications.length
  const title = `${item.key ? `[${item.key}] ` : ''}${item.title}`
  const subject = count > 1 ? `${title} (${fill(w.updates, { count: String(count) })})` : title
  const body = layout({
    lang,
    heading: item.title || (item.key ?? w.keel),
    items: [item],
    action: { label: w.open, url: item.url },
    footer: { why: w.why, ...footer },
  })
  return { subject, ...body }
}

/** The daily digest: every item with updates, most recent first. */
export function digestEmail(lang: Language, items: MailItem[], inboxUrl: string, footer: Footer): Rendered {
  const w = W[lang]
  const count = items.reduce((sum, i) => sum + i.notifications.length, 0)
  const subject = fill(w.digestSubject, { count: String(count), items: String(items.length) })
  const body = layout({
    lang,
    heading: subject,
    intro: w.digestIntro,
    items,
    action: { label: w.openInbox, url: inboxUrl },
    footer: { why: w.whyDigest, ...footer },
  })
  return { subject, ...body }
}

export function resetEmail(lang: Language, email: string, url: string): Rendered {
  const w = W[lang]
  return {
    subject: w.resetSubject,
    ...layout({
      lang,
      heading: w.resetSubject,
      intro: fill(w.resetIntro, { email }),
      action: { label: w.resetAction, url },
      notes: [w.resetIgnore],
    }),
  }
}

export function inviteEmail(
  lang: Language,
  invite: { inviter: string; workspace: string; url: string; expiresOn: string },
): Rendered {
  const w = W[lang]
  const values = { inviter: invite.inviter, workspace: invite.workspace, date: invite.expiresOn }
  return {
    subject: fill(w.inviteSubject, values),
    ...layout({
      lang,
      heading: fill(w.inviteSubject, values),
      intro: fill(w.inviteIntro, values),
      action: { label: w.inviteAction, url: invite.url },
      notes: [fill(w.inviteExpires, values)],
    }),
  }
}

export function verifyEmail(lang: Language, email: string, url: string): Rendered {
  const w = W[lang]
  return {
    subject: w.verifySubject,
    ...layout({
      lang,
      heading: w.verifySubject,
      intro: fill(w.verifyIntro, { email }),
      action: { label: w.verifyAction, url },
    }),
  }
}

/** To the old address when a change is asked for: the owner hears of it even if it was not them. */
export function addressChangingEmail(lang: Language, newEmail: string): Rendered {
  const w = W[lang]
  return {
    subject: w.changedSubject,
    ...layout({ lang, heading: w.changedSubject, intro: fill(w.changedIntro, { email: newEmail }) }),
  }
}

export function testEmail(lang: Language): Rendered {
  const w = W[lang]
  return { subject: w.testSubject, ...layout({ lang, heading: w.testSubject, intro: w.testIntro }) }
}
