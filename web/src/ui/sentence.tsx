// A translated sentence with elements in its slots: "{{ actor }} moved {{ subject }}" with a link as subject.
import { For, type JSX } from 'solid-js'

/** Renders a template such as "{{ actor }} moved {{ subject }}" with elements in place of its slots. */
export function Sentence(props: { template: string; parts: Record<string, JSX.Element> }) {
  const pieces = () => props.template.split(/\{\{\s*(\w+)\s*\}\}/)
  return <For each={pieces()}>{(piece, i) => (i() % 2 === 1 ? (props.parts[piece] ?? '') : piece)}</For>
}
