// The settings of a sign-in provider as the admin API takes and gives them (the secret is write-only).
import { z } from '@hono/zod-openapi'
import { Id, Name } from '../../lib/schemas'

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40')
  .openapi({ example: 'keycloak', description: 'In the sign-in address: /api/auth/oidc/<slug>/start' })

export const OidcConfig = z
  .object({
    issuer: z.url().max(500).openapi({ example: 'https://sso.example.com/realms/acme' }),
    clientId: z.string().trim().min(1).max(200),
    scopes: z.string().trim().max(300).default('openid email profile'),
    groupsClaim: z.string().trim().max(100).nullable().default('groups'),
    trustEmails: z.boolean().default(false).openapi({
      description: 'Treat emails as verified without an email_verified claim (admin-managed directories)',
    }),
    preset: z.string().max(40).optional(),
  })
  .openapi('OidcConfig')

export const LdapConfig = z
  .object({
    url: z
      .string()
      .regex(/^ldaps?:\/\/[^\s]+$/, 'an ldap:// or ldaps:// address')
      .max(500)
      .openapi({ example: 'ldaps://ldap.example.com:636' }),
    startTls: z
      .boolean()
      .default(false)
      .openapi({ description: 'Upgrade an ldap:// connection with StartTLS' }),
    bindDn: z.string().max(500).default('').openapi({ description: 'Who searches (empty: anonymous)' }),
    searchBase: z.string().trim().min(1).max(500).openapi({ example: 'ou=people,dc=example,dc=com' }),
    searchFilter: z
      .string()
      .trim()
      .max(500)
      .default('(|(uid={login})(mail={login}))')
      .openapi({ description: '{login} stands for what the person typed (escaped)' }),
    emailAttribute: z.string().trim().max(100).default('mail'),
    nameAttribute: z.string().trim().max(100).default('cn'),
    groupsAttribute: z
      .string()
      .trim()
      .max(100)
      .default('memberOf')
      .openapi({ description: 'The attribute listing the groups (DNs or names) of a person' }),
    tlsRejectUnauthorized: z.boolean().default(true),
  })
  .openapi('LdapConfig')

const Place = z.object({
  workspaceId: Id,
  roleId: Id,
  productIds: z.array(Id).max(200).nullable().default(null).openapi({ description: 'null: every product' }),
})

export const Access = z
  .object({
    autoCreate: z
      .boolean()
      .default(true)
      .openapi({ description: 'Create an account on first sign-in (else only existing accounts get in)' }),
    defaultWorkspaces: z
      .array(Place)
      .max(50)
      .default([])
      .openapi({ description: 'Where a person joins at their first sign-in through this provider' }),
    groupRules: z
      .array(Place.extend({ group: z.string().trim().min(1).max(500) }))
      .max(200)
      .default([])
      .openapi({
        description:
          'In each workspace named here, the first rule whose group the person is in sets their role and products at every sign-in; in none of them, they leave that workspace',
      }),
  })
  .openapi('ProviderAccess')

export type OidcSettings = z.infer<typeof OidcConfig>
export type LdapSettings = z.infer<typeof LdapConfig>
export type AccessRules = z.infer<typeof Access>

export const ProviderInput = z.object({
  slug: Slug,
  name: Name,
  enabled: z.boolean().default(true),
  secret: z
    .string()
    .max(1000)
    .optional()
    .openapi({ description: 'The client secret or bind password; write-only, kept when omitted' }),
  access: Access.default({ autoCreate: true, defaultWorkspaces: [], groupRules: [] }),
})

export const NewProvider = z.discriminatedUnion('type', [
  ProviderInput.extend({ type: z.literal('oidc'), config: OidcConfig }),
  ProviderInput.extend({ type: z.literal('ldap'), config: LdapConfig }),
])

export const Provider = z
  .object({
    id: z.number(),
    slug: z.string(),
    type: z.enum(['oidc', 'ldap']),
    name: z.string(),
    enabled: z.boolean(),
    source: z.enum(['ui', 'env']).openapi({ description: 'env: from the environment, read-only here' }),
    config: z.record(z.string(), z.unknown()),
    hasSecret: z.boolean(),
    access: Access,
    createdAt: z.string(),
    version: z.number(),
  })
  .openapi('SignInProvider')
