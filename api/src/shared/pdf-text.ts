/** Characters beyond Latin-1 that the built-in fonts' WinAnsi encoding still has. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const FALLBACKS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', '−': '-', '′': "'" };

/**
 * Makes text printable with the built-in Helvetica (WinAnsi): accents outside the set are
 * dropped ("ą" → "a"), anything else becomes "?". Line breaks survive only where asked.
 */
export function clean(text: string, keepLineBreaks = false): string {
  let result = '';
  for (const char of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    if (char === '\n' && keepLineBreaks) {
      result += char;
    } else if (/\s/.test(char)) {
      result += ' ';
    } else if (isWinAnsi(char)) {
      result += char;
    } else {
      const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
      result += isWinAnsi(stripped) ? stripped : (FALLBACKS[char] ?? '?');
    }
  }
  return keepLineBreaks ? result.replace(/\n{3,}/g, '\n\n') : result.replace(/ {2,}/g, ' ');
}

function isWinAnsi(char: string): boolean {
  if (char.length !== 1) {
    return false;
  }
  const code = char.charCodeAt(0);
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}
