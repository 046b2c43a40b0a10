// Permissions as checkboxes grouped by area (workspace, product, customer, …), each described in the
// current language, with a select-all box per group. Without onChange it is a read-only view.
import { createEffect, createMemo, createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { CheckIcon } from '../../ui/icons'
import type { PermissionInfo } from './queries'
import { permissionText } from './role-name'

export interface PermissionChecklistProps {
  /** The catalogue from GET /api/permissions, in its order. */
  permissions: readonly PermissionInfo[]
  selected: readonly string[]
  onChange?: (next: string[]) => void
  /** Which permissions the current user may hand out; others are shown but disabled. */
  grantable?: (name: string) => boolean
}

export function PermissionChecklist(props: PermissionChecklistProps) {
  const { t, tryT, locale } = useI18n()
  const id = createUniqueId()
  const readOnly = () => !props.onChange
  const selectedSet = createMemo(() => new Set(props.selected))
  const groups = createMemo(() => {
    const byGroup = new Map<string, PermissionInfo[]>()
    for (const p of props.permissions) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p])
    return [...byGroup.entries()].map(([group, items]) => ({ group, items }))
  })
  const canToggle = (name: string) => !readOnly() && (props.grantable?.(name) ?? true)
  const describe = (p: PermissionInfo) => permissionText(p, locale())
  const groupTitle = (group: string) => tryT(`permissionGroups.${group}`) ?? group

  const emit = (next: Set<string>) =>
    // Keep the catalogue's order so saved roles read the same way as the checklist.
    props.onChange?.(props.permissions.map((p) => p.name).filter((n) => next.has(n)))

  const toggle = (name: string, on: boolean) => {
    const next = new Set(selectedSet())
    if (on) next.add(name)
    else next.delete(name)
    emit(next)
  }

  const toggleGroup = (items: PermissionInfo[]) => {
    const changeable = items.filter((p) => canToggle(p.name)).map((p) => p.name)
    const allOn = changeable.every((n) => selectedSet().has(n))
    const next = new Set(selectedSet())
    for (const n of changeable) {
      if (allOn) next.delete(n)
      else next.add(n)
    }
    emit(next)
  }

  return (
    <div class="permission-groups" classList={{ 'is-readonly': readOnly() }}>
      <For each={groups()}>
        {(g) => {
          const count = () => g.items.filter((p) => selectedSet().has(p.name)).length
          const groupId = `${id}-${g.group}`
          return (
            <fieldset class="permission-group" data-group={g.group}>
              <legend class="permission-group-title">
                <Show
                  when={!readOnly() && g.items.some((p) => canToggle(p.name))}
                  fallback={<span id={groupId}>{groupTitle(g.group)}</span>}
                >
                  <label class="permission-group-toggle">
                    <input
                      type="checkbox"
                      checked={count() === g.items.length}
                      ref={(el) =>
                        createEffect(() => {
                          el.indeterminate = count() > 0 && count() < g.items.length
                        })
                      }
                      aria-label={t('roles.selectGroup', { group: groupTitle(g.group) })}
                      onChange={() => toggleGroup(g.items)}
                    />
                    <span id={groupId}>{groupTitle(g.group)}</span>
                  </label>
                </Show>
                <span class="permission-group-count">
                  {count()}/{g.items.length}
                </span>
              </legend>
              <ul class="permission-list" aria-labelledby={groupId}>
                <For each={g.items}>
                  {(p) => (
                    <li>
                      <Show
                        when={!readOnly()}
                        fallback={
                          // Read-only: a mark instead of a greyed-out checkbox, which hides whether it is on.
                          <div class="permission" classList={{ 'is-on': selectedSet().has(p.name) }}>
                            <span class="permission-mark" aria-hidden="true">
                              {selectedSet().has(p.name) ? <CheckIcon /> : null}
                            </span>
                            <span class="permission-text">
                              <span class="permission-description">{describe(p)}</span>
                              <code class="permission-name">{p.name}</code>
                            </span>
                            <span class="visually-hidden">
                              {selectedSet().has(p.name) ? t('roles.granted') : t('roles.notGranted')}
                            </span>
                          </div>
                        }
                      >
                        <label
                          class="permission"
                          classList={{ 'is-on': selectedSet().has(p.name), 'is-locked': !canToggle(p.name) }}
                          title={canToggle(p.name) ? undefined : t('roles.notYours')}
                        >
                          <input
                            type="checkbox"
                            name="permission"
                            value={p.name}
                            checked={selectedSet().has(p.name)}
                            disabled={!canToggle(p.name)}
                            onChange={(e) => toggle(p.name, e.currentTarget.checked)}
                          />
                          <span class="permission-text">
                            <span class="permission-description">{describe(p)}</span>
                            <code class="permission-name">{p.name}</code>
                          </span>
                        </label>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </fieldset>
          )
        }}
      </For>
    </div>
  )
}
