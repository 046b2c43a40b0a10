// One module in the settings' tree: its name, and for those who may manage modules, renaming it in place,
// adding a module under it, moving it under another and deleting it.

import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { PlusIcon } from '../../ui/icons'
import { AddModuleForm } from './add-module-form'
import { useProductSettingsT } from './i18n'
import { type FlatNode, moveTargets } from './modules'
import type { ModuleTreeNode, useChangeModule } from './queries'

export function ModuleRow(props: {
  item: FlatNode<ModuleTreeNode>
  flat: FlatNode<ModuleTreeNode>[]
  canManage: boolean
  busy: boolean
  onChange: (change: Parameters<ReturnType<typeof useChangeModule>['mutate']>[0], done?: () => void) => void
  onDelete: () => void
}) {
  const st = useProductSettingsT()
  const [mode, setMode] = createSignal<'view' | 'rename' | 'add'>('view')
  const [name, setName] = createSignal('')
  const node = () => props.item.node
  const targets = createMemo(() => moveTargets(props.flat, node().id))
  const indent = (): JSX.CSSProperties => ({ '--depth': String(props.item.depth) })

  return (
    <li class="ps-node" style={indent()}>
      <div class="ps-node-row">
        <Show
          when={mode() === 'rename'}
          fallback={
            <span class="ps-node-name" classList={{ 'is-top': props.item.depth === 0 }}>
              {node().name}
            </span>
          }
        >
          <form
            class="ps-inline"
            onSubmit={(e) => {
              e.preventDefault()
              const value = name().trim()
              if (!value || value === node().name) return setMode('view')
              props.onChange({ type: 'update', id: node().id, version: node().version, name: value }, () =>
                setMode('view'),
              )
            }}
          >
            <input
              class="input ps-inline-input"
              aria-label={st('renameLabel', { name: node().name })}
              value={name()}
              maxLength={FIELD_LIMITS.name}
              required
              ref={(el) => queueMicrotask(() => el.focus())}
              onInput={(e) => setName(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return
                e.preventDefault()
                e.stopPropagation()
                setMode('view')
              }}
            />
            <SaveCancel busy={props.busy} onCancel={() => setMode('view')} />
          </form>
        </Show>
        <Show when={props.canManage && mode() === 'view'}>
          <div class="ps-node-actions">
            <button
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={st('renameLabel', { name: node().name })}
              onClick={() => {
                setName(node().name)
                setMode('rename')
              }}
            >
              {st('rename')}
            </button>
            <button
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={st('addChildLabel', { name: node().name })}
              onClick={() => {
                setName('')
                setMode('add')
              }}
            >
              <PlusIcon />
              {st('addChild')}
            </button>
            <select
              class="input select ps-move"
              aria-label={st('moveLabel', { name: node().name })}
              title={st('moveLabel', { name: node().name })}
              value=""
              disabled={props.busy}
              onChange={(e) => {
                const value = e.currentTarget.value
                e.currentTarget.value = ''
                if (value === '') return
                const parentId = value === 'top' ? null : Number(value)
                if (parentId === node().parentId) return
                props.onChange({ type: 'update', id: node().id, version: node().version, parentId })
              }}
            >
              <option value="">{st('move')}…</option>
              <Show when={node().parentId !== null}>
                <option value="top">{st('topLevel')}</option>
              </Show>
              <For each={targets().filter((t) => t.node.id !== node().parentId)}>
                {(target) => <option value={target.node.id}>{target.path}</option>}
              </For>
            </select>
            <button
              type="button"
              class="btn btn-ghost btn-small btn-danger-quiet"
              aria-label={st('deleteModuleLabel', { name: node().name })}
              onClick={() => props.onDelete()}
            >
              {st('deleteModule')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={mode() === 'add'}>
        <div class="ps-add-child">
          <AddModuleForm
            label={st('childName', { name: node().name })}
            busy={props.busy}
            autofocus
            onCancel={() => setMode('view')}
            onAdd={(value, done) =>
              props.onChange({ type: 'create', name: value, parentId: node().id }, () => {
                done()
                setMode('view')
              })
            }
          />
        </div>
      </Show>
    </li>
  )
}

function SaveCancel(props: { busy: boolean; onCancel: () => void }) {
  const { t } = useI18n()
  return (
    <>
      <button type="submit" class="btn btn-primary btn-small" disabled={props.busy}>
        {t('common.save')}
      </button>
      <button type="button" class="btn btn-small" onClick={() => props.onCancel()}>
        {t('common.cancel')}
      </button>
    </>
  )
}
