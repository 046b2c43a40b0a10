// The module tree as the settings list shows it: in tree order with depth and path, and where a module may
// move (anywhere but under itself or its own sub-modules, which the server refuses with 400).

export interface TreeNode {
  id: number
  name: string
  parentId: number | null
  version: number
  children?: unknown
}

export interface FlatNode<N extends TreeNode = TreeNode> {
  /** The module's id (rows are keyed by it). */
  id: number
  node: N
  depth: number
  /** "Parent / Child". */
  path: string
  /** Ids of every sub-module, at any depth. */
  descendants: number[]
}

// The tree's type is recursive, which the typed client cannot express: children arrive as plain JSON.
const childrenOf = <N extends TreeNode>(node: N) =>
  Array.isArray(node.children) ? (node.children as N[]) : []

export function flattenTree<N extends TreeNode>(nodes: readonly N[], depth = 0, prefix = ''): FlatNode<N>[] {
  return nodes.flatMap((node) => {
    const path = prefix ? `${prefix} / ${node.name}` : node.name
    const below = flattenTree(childrenOf(node), depth + 1, path)
    return [{ id: node.id, node, depth, path, descendants: below.map((b) => b.node.id) }, ...below]
  })
}

/** Modules the given one may move under (null = top level is always allowed unless it is already there). */
export function moveTargets<N extends TreeNode>(flat: readonly FlatNode<N>[], id: number): FlatNode<N>[] {
  const self = flat.find((f) => f.node.id === id)
  if (!self) return []
  const excluded = new Set([id, ...self.descendants])
  return flat.filter((f) => !excluded.has(f.node.id))
}
