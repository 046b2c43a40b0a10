// The Chinese of i18n.ts (a module of its own, so a page loads only its language's words).
import type { scimEn } from './i18n'

export const scimZh: typeof scimEn = {
  title: '自动同步（SCIM）',
  intro:
    '支持 SCIM 2.0 的目录（Microsoft Entra ID、Okta、Authing 等）可以让 Keel 的账号与其保持一致：由目录创建、更新和停用人员，并推送其组。新人员加入此提供方的默认空间，组按其组规则分配角色；在目录中删除的人员会在这里被停用（其工作内容保留）。',
  baseUrl: 'SCIM 基础地址',
  baseUrlNote: '请将其填入目录的自动同步设置，并把下方的令牌作为密钥令牌。',
  tokens: 'SCIM 令牌',
  tokensLabel: '{{ name }} 的 SCIM 令牌',
  empty: '还没有令牌：请在下方为目录创建一个。',
  name: '令牌名称',
  nameHint: '用在哪里，例如“Entra 自动同步”。',
  create: '新建令牌',
  token: '令牌',
  created: '创建时间',
  lastUsed: '最近使用',
  newToken: '新的 SCIM 令牌“{{ name }}”',
  onceWarning: '请立即复制：Keel 只保存其哈希值，之后不会再显示。如果丢失，请撤销后重新创建。',
  tokenNote: '请将其作为密钥令牌（Bearer 令牌）填入目录。',
  revokeLabel: '撤销 SCIM 令牌 {{ name }}',
  revokeTitle: '撤销 SCIM 令牌“{{ name }}”？',
  revokeBody: '目录将立即无法再通过它同步。它创建的人员和组保持不变。',
}
