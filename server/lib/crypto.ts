// Password hashing (scrypt) and opaque tokens that are stored only as SHA-256 hashes.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 64 } as const

function scryptAsync(password: string, salt: Buffer, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      keyLength,
      { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    )
  })
}

/** Returns `scrypt$N$r$p$salt$hash` (base64url parts) so parameters can change later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, SCRYPT.keyLength)
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  )
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , , , saltText, hashText] = stored.split('$')
  if (scheme !== 'scrypt' || !saltText || !hashText) return false
  const expected = Buffer.from(hashText, 'base64url')
  const actual = await scryptAsync(password, Buffer.from(saltText, 'base64url'), expected.length)
  return timingSafeEqual(actual, expected)
}

/** A random token of `bytes` bytes (default 256 bits), base64url encoded. */
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** A bearer token to show once (`<kind>_…`), with what is stored of it: its hash and first characters. */
export function bearerToken(kind: string) {
  const token = `${kind}_${newToken(32)}`
  return { token, tokenHash: sha256(token), prefix: token.slice(0, 10) }
}

/** A password hash that never matches; used to keep login timing flat for unknown emails. */
export const DUMMY_PASSWORD_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(64).toString('base64url')}`
