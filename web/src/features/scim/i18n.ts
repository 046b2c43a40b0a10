// The words of SCIM provisioning in English (Chinese: i18n-zh.ts), on a provider's page; wired in as `scim.*`.
export const scimEn = {
  title: 'Provisioning (SCIM)',
  intro:
    'A directory that speaks SCIM 2.0 (Microsoft Entra ID, Okta, Authing…) keeps Keel’s accounts in step with it: it creates, updates and deactivates people and pushes its groups. New people join this provider’s default workspaces, groups meet its group rules, and a person deleted in the directory is deactivated here (their work stays).',
  baseUrl: 'SCIM base URL',
  baseUrlNote: 'Enter it in the directory’s provisioning settings, with a token below as the secret token.',
  tokens: 'SCIM tokens',
  tokensLabel: 'SCIM tokens of {{ name }}',
  empty: 'No tokens yet: make one for the directory below.',
  name: 'Token name',
  nameHint: 'Where it is used, such as “Entra provisioning”.',
  create: 'New token',
  token: 'Token',
  created: 'Created',
  lastUsed: 'Last used',
  newToken: 'New SCIM token “{{ name }}”',
  onceWarning:
    'Copy it now: Keel keeps only a hash, so it will not be shown again. Lost it? Revoke it and make a new one.',
  tokenNote: 'Paste it into the directory as the secret (bearer) token.',
  revokeLabel: 'Revoke SCIM token {{ name }}',
  revokeTitle: 'Revoke the SCIM token “{{ name }}”?',
  revokeBody:
    'The directory can no longer provision through it, at once. The people and groups it made stay as they are.',
}
