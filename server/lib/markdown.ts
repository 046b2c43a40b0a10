// Text people typed, placed into Markdown that Keel writes (the weekly report, chat-robot messages):
// escaped so it reads as the words it is and never as a link, an image, HTML, code, a heading, a list
// or emphasis — while a hyphen in "MES-12" or a full stop mid-sentence stays as it is.

/** Characters CommonMark reads as syntax anywhere in a line. */
const INLINE = /[\\`*_[\]<>!|~&]/g
/** What starts a block when it begins a line (or follows a list marker): a heading, list or quote. */
const LEADING = /^([#+\-=])/
const NUMBERED = /^(\d+)([.)])/

/** One line of plain text as Markdown: syntax escaped, line breaks folded into spaces. */
export const escapeMarkdown = (text: string) =>
  text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(INLINE, '\\$&')
    .replace(LEADING, '\\$1')
    .replace(NUMBERED, '$1\\$2')
