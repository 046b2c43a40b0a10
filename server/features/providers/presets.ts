// Starting points for common OpenID Connect issuers: the issuer address to fill in, the scopes and the
// claim that carries groups. Each still needs the issuer's own values (host, realm, tenant) and a client.
// Feishu/Lark, DingTalk and WeCom offer their own OAuth 2.0 logins rather than a standard OpenID Connect
// issuer; the README says to connect them through a broker (Keycloak, Authing) that speaks OIDC to Keel.

export interface OidcPreset {
  key: string
  name: string
  /** The issuer address, with <placeholders> to replace. */
  issuer: string
  scopes: string
  /** The claim with the person's groups; null: the issuer sends none (use default workspaces). */
  groupsClaim: string | null
  /** Whether the issuer vouches for emails without an `email_verified` claim (admin-managed directories). */
  trustEmails: boolean
  /** What to know, in English and Chinese. */
  note: { en: string; zh: string }
}

export const OIDC_PRESETS: readonly OidcPreset[] = [
  {
    key: 'keycloak',
    name: 'Keycloak',
    issuer: 'https://<host>/realms/<realm>',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
    note: {
      en: 'Add a "Group Membership" mapper (token claim name: groups, full path off) to the client.',
      zh: '在客户端中添加 “Group Membership” 映射器（声明名 groups，关闭完整路径）。',
    },
  },
  {
    key: 'authentik',
    name: 'Authentik',
    issuer: 'https://<host>/application/o/<application-slug>/',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
    note: {
      en: 'The default "profile" scope mapping already sends groups.',
      zh: '默认的 “profile” 作用域映射已包含 groups。',
    },
  },
  {
    key: 'entra',
    name: 'Microsoft Entra ID (Azure AD)',
    issuer: 'https://login.microsoftonline.com/<tenant-id>/v2.0',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: true,
    note: {
      en: 'Enable "groups" in Token configuration; Entra sends group object IDs, so write rules with those IDs.',
      zh: '在“令牌配置”中启用 groups；Entra 发送的是组的对象 ID，规则中请填写这些 ID。',
    },
  },
  {
    key: 'google',
    name: 'Google Workspace',
    issuer: 'https://accounts.google.com',
    scopes: 'openid email profile',
    groupsClaim: null,
    trustEmails: false,
    note: {
      en: 'Google sends no groups: new people join the default workspaces; restrict the OAuth client to your domain.',
      zh: 'Google 不发送组信息：新成员加入默认空间；请将 OAuth 客户端限制在本企业域名内。',
    },
  },
  {
    key: 'authing',
    name: 'Authing',
    issuer: 'https://<app-domain>.authing.cn/oidc',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
    note: {
      en: 'Authing can also broker Feishu, DingTalk and WeCom sign-in to Keel.',
      zh: 'Authing 还可以把飞书、钉钉、企业微信登录转接给 Keel。',
    },
  },
  {
    key: 'generic',
    name: 'OpenID Connect',
    issuer: 'https://<issuer>',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
    note: {
      en: 'Any issuer with a discovery document at <issuer>/.well-known/openid-configuration.',
      zh: '任何在 <issuer>/.well-known/openid-configuration 提供发现文档的签发方。',
    },
  },
]
