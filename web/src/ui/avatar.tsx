// Initials of a person or workspace on a tint derived from the name.

/** Initials on a tinted square (workspaces) or circle (people); the tint follows the name. */
export function Avatar(props: { name: string; square?: boolean; small?: boolean }) {
  const initials = () => {
    const words = props.name.trim().split(/\s+/).filter(Boolean)
    const first = words[0] ?? '?'
    // CJK names read best as their first character; Latin names as two initials.
    if (/^[\u3400-\u9fff]/.test(first)) return first.slice(0, 1)
    return ((first[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase() || '?'
  }
  const hue = () => [...props.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7)
  return (
    <span
      class="avatar"
      classList={{ 'avatar-square': props.square, 'avatar-small': props.small }}
      style={{ '--avatar-hue': String(hue()) }}
      aria-hidden="true"
    >
      {initials()}
    </span>
  )
}
