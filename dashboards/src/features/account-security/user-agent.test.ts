import { describe, expect, it } from 'vitest';
import { describeBrowser } from './user-agent';

describe('describeBrowser', () => {
  it('names the browser and the system', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ),
    ).toBe('Chrome on Windows');
    expect(describeBrowser('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1')).toBe(
      'Safari on iOS',
    );
    expect(describeBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox on Linux',
    );
    expect(describeBrowser('curl/8.5.0')).toBe('curl');
    expect(describeBrowser(null)).toBe('Unknown device');
  });
});
