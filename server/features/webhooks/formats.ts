// What each preset sends and how it is signed.
//
// generic: JSON {event, workspaceId, productId, entity, actor, occurredAt, message, url} with headers
//   X-Keel-Event, X-Keel-Delivery, X-Keel-Timestamp (unix seconds of this attempt) and, with a secret,
//   X-Keel-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>. The signature covers the body only: a
//   receiver that wants a replay window reads `occurredAt` from the (signed) body, and deduplicates
//   retries by X-Keel-Delivery (a retry sends the same bytes with the same delivery id).
// feishu (飞书 custom bot): {msg_type:"post", content:{post:{zh_cn|en_us:{title, content:[[…]]}}}}; with a
//   secret, `timestamp` (unix seconds) and `sign` = base64(HMAC-SHA256(key = timestamp+"\n"+secret,
//   message = "")) are added to the body at each attempt (the sign is valid for an hour, retries run
//   longer), so the stored body is the message without them.
// dingtalk (钉钉 custom robot): {msgtype:"markdown", markdown:{title, text}}; with a secret, the query
//   parameters timestamp (unix milliseconds) and sign = urlencode(base64(HMAC-SHA256(key = secret,
//   message = timestamp+"\n"+secret))) are added to the URL at each attempt.
// wecom (企业微信 group robot): {msgtype:"markdown", markdown:{content}} (kept under 4 KB); the key in
//   the URL is its only credential, so a secret is not used.
// Sources relied on (fetched through the project's search tool, cross-checked against each other):
//   Feishu custom bot guide, signature section: the Python example signs key=f'{timestamp}\n{secret}' over
//   an empty message (m.down10s.com/jiaocheng/5605312225.html; damodev.csdn.net/68230044a5baf817cf4af7cf.html
//   on the seconds timestamp); Feishu `post` content shape: feishu.apifox.cn/doc-1945306.
//   DingTalk custom robot 加签: binkzhou.github.io/blog/other/2023/0211001.html and
//   www.mihaoyun.com/wordpress/?p=391 (HmacSHA256 keyed with the secret over timestamp+"\n"+secret,
//   Base64, then URL-encoded; millisecond timestamp; &timestamp=…&sign=… on the URL).
//   WeCom group robot markdown message: docs.zhuonian.xyz/api/wecom-webhook.html and
//   hc.huoban.com/0a90/c72f/d629 (the 4096-byte markdown limit is from memory of WeCom's own docs, so the
//   message is cut well below it).
import { createHmac } from 'node:crypto'
import type { WebhookPreset } from '../../../db/schema'
import { escapeMarkdown } from '../../lib/markdown'
import type { Language } from '../../lib/words'
import type { EventFacts } from './facts'
import { heading, openLabel, sentence } from './messages'
import { truncate } from './send'

/** The exact body stored with a delivery (and sent as-is, but for the Feishu signature fields). */
export function buildBody(preset: WebhookPreset, facts: EventFacts, language: Language): string {
  const message = sentence(facts, language)
  const title = heading(facts, language)
  switch (preset) {
    case 'generic':
      return JSON.stringify({
        event: facts.event,
        workspaceId: facts.workspaceId,
        productId: facts.productId,
        entity: facts.entity,
        actor: facts.actor,
        occurredAt: facts.occurredAt,
        message,
        url: facts.url,
      })
    case 'feishu': {
      const lines: unknown[][] = [[{ tag: 'text', text: message }]]
      if (facts.url) lines.push([{ tag: 'a', text: openLabel(language), href: facts.url }])
      return JSON.stringify({
        msg_type: 'post',
        content: { post: { [language === 'zh-CN' ? 'zh_cn' : 'en_us']: { title, content: lines } } },
      })
    }
    // The two Markdown robots: the message carries titles people typed, escaped to read as text.
    case 'dingtalk': {
      const link = facts.url ? `\n\n[${openLabel(language)}](${facts.url})` : ''
      return JSON.stringify({
        msgtype: 'markdown',
        markdown: {
          title: message.slice(0, 60),
          text: `#### ${escapeMarkdown(title)}\n\n${escapeMarkdown(message)}${link}`,
        },
      })
    }
    case 'wecom': {
      const link = facts.url ? `\n[${openLabel(language)}](${facts.url})` : ''
      const content = `**${escapeMarkdown(title)}**\n${escapeMarkdown(truncate(message, 3500))}${link}`
      return JSON.stringify({ msgtype: 'markdown', markdown: { content } })
    }
  }
}

export interface SignedRequest {
  url: URL
  body: string
  headers: Record<string, string>
}

/** The request for one attempt: the stored body, signed as the preset requires at `now`. */
export function signedRequest(
  preset: WebhookPreset,
  target: string,
  body: string,
  secret: string | null,
  delivery: { id: number; event: string },
  now: Date,
): SignedRequest {
  const url = new URL(target)
  const headers: Record<string, string> = {}
  switch (preset) {
    case 'generic': {
      headers['x-keel-event'] = delivery.event
      headers['x-keel-delivery'] = String(delivery.id)
      headers['x-keel-timestamp'] = String(Math.floor(now.getTime() / 1000))
      if (secret) headers['x-keel-signature'] = `sha256=${genericSignature(secret, body)}`
      return { url, body, headers }
    }
    case 'feishu': {
      if (!secret) return { url, body, headers }
      const timestamp = String(Math.floor(now.getTime() / 1000))
      const signed = { timestamp, sign: feishuSign(secret, timestamp), ...JSON.parse(body) }
      return { url, body: JSON.stringify(signed), headers }
    }
    case 'dingtalk': {
      if (secret) {
        const timestamp = String(now.getTime())
        // URLSearchParams percent-encodes the Base64 (+, /, =) as the robot expects.
        url.searchParams.set('timestamp', timestamp)
        url.searchParams.set('sign', dingtalkSign(secret, timestamp))
      }
      return { url, body, headers }
    }
    case 'wecom':
      return { url, body, headers }
  }
}

export const genericSignature = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body, 'utf8').digest('hex')

export const feishuSign = (secret: string, timestamp: string) =>
  createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64')

/** Base64 before URL encoding (the caller's URLSearchParams does that). */
export const dingtalkSign = (secret: string, timestamp: string) =>
  createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64')

/**
 * Chat robots answer 200 with an error code in the body ({"code":19021} from Feishu, {"errcode":310000}
 * from DingTalk and WeCom); such an answer is a failed attempt, with the robot's message as the error.
 */
export function robotError(preset: WebhookPreset, responseBody: string): string | null {
  if (preset === 'generic') return null
  try {
    const parsed = JSON.parse(responseBody) as Record<string, unknown>
    const code = parsed.code ?? parsed.errcode ?? parsed.StatusCode
    if (code === undefined || code === 0 || code === '0') return null
    const message = parsed.msg ?? parsed.errmsg ?? parsed.StatusMessage ?? ''
    return `The robot answered code ${String(code)}: ${String(message)}`
  } catch {
    return null
  }
}
