// A product's module tree in its settings: the modules in order, indented by depth, with adding a top-level
// module and confirming a delete (which takes the module's children with it).
import { createEffect, createSignal, For, Show } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { AddModuleForm } from './add-module-form'
import { useProductSettingsT } from './i18n'
import { ModuleRow } from './module-row'
import { type FlatNode, flattenTree } from './modules'
import { type ModuleTreeNode, moduleTreeQuery, useChangeModule } from './queries'

export function ModuleTree(props: { productId: number }) {
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const tree = createLocalQuery(() => moduleTreeQuery(ws.id(), props.productId))
  const change = useChangeModule(ws.id, () => props.productId)
  // Reconciled by id: a live refresh of the tree keeps each row (and a rename or add in progress in it).
  const [flat, setFlat] = createStore<FlatNode<ModuleTreeNode>[]>([])
  createEffect(() => setFlat(reconcile(flattenTree<ModuleTreeNode>(tree.data?.items ?? []), { key: 'id' })))
  const canManage = () => ws.can('product.manage')
  const [deleting, setDeleting] = createSignal<FlatNode<ModuleTreeNode>>()

  return (
    <div class="ps-modules">
      <QueryView query={tree}>
        {() => (
          <>
            <Show
              when={flat.length > 0}
              fallback={<p class="ps-empty">{canManage() ? st('modulesEmptyManage') : st('modulesEmpty')}</p>}
            >
              <ul class="ps-tree">
                <For each={flat}>
                  {(item) => (
                    <ModuleRow
                      item={item}
                      flat={flat}
                      canManage={canManage()}
                      busy={change.isPending}
                      onChange={(c, done) => change.mutate(c, { onSuccess: () => done?.() })}
                      onDelete={() => setDeleting(item)}
                    />
                  )}
                </For>
              </ul>
            </Show>
            <ErrorNotice error={change.error} overrides={{ 400: st('moveCycle') }} />
            <Show when={canManage()}>
              <AddModuleForm
                label={st('addTopLevel')}
                busy={change.isPending}
                onAdd={(name, done) =>
                  change.mutate({ type: 'create', name, parentId: null }, { onSuccess: done })
                }
              />
            </Show>
          </>
        )}
      </QueryView>
      <Show when={deleting()}>
        {(item) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setDeleting(undefined)}
            title={st('deleteModuleTitle', { name: item().node.name })}
            body={
              item().descendants.length > 0
                ? st('deleteModuleBodyChildren', { count: String(item().descendants.length) })
                : st('deleteModuleBody')
            }
            confirmLabel={st('deleteModule')}
            onConfirm={() => change.mutateAsync({ type: 'delete', id: item().node.id })}
          />
        )}
      </Show>
    </div>
  )
}
