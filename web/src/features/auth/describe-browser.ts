// A browser's name and system from its User-Agent, as people recognise their devices: the account's own
// sessions and an instance owner's view of someone's.

/** "Chrome on Linux" from a User-Agent, enough to recognise one's own devices. */
export function describeBrowser(userAgent: string): string | undefined {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined
  if (!browser && !system) return undefined
  return [browser, system].filter(Boolean).join(' · ')
}
