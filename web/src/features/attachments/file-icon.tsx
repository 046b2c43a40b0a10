// A file's type at a glance: a small tile tinted by kind (PDF red, sheets green, …) with its extension.
import { extensionOf, type FileKind, kindOf } from './format'

export function FileIcon(props: { name: string; contentType: string; small?: boolean }) {
  const kind = (): FileKind => kindOf(props)
  const label = () =>
    extensionOf(props.name).slice(0, 4).toUpperCase() || (kind() === 'image' ? 'IMG' : 'FILE')
  return (
    <span
      class="file-icon"
      classList={{ 'file-icon-small': props.small }}
      data-kind={kind()}
      aria-hidden="true"
    >
      {label()}
    </span>
  )
}
