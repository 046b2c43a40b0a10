// The sessions list names each browser the way a person recognises their own devices.
import { describe, expect, it } from 'vitest'
import { describeBrowser } from '../../web/src/features/auth/describe-browser'

describe('describeBrowser', () => {
  it('names the browser and the system, or says nothing it cannot tell', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
      ),
    ).toBe('Chrome · Linux')
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36 Edg/156.0',
      ),
    ).toBe('Edge · Windows')
    expect(
      describeBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1',
      ),
    ).toBe('Safari · iOS')
    expect(
      describeBrowser('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:130.0) Gecko/20100101 Firefox/130.0'),
    ).toBe('Firefox · macOS')
    expect(describeBrowser('curl/8.5.0')).toBeUndefined()
    expect(describeBrowser('')).toBeUndefined()
  })
})
