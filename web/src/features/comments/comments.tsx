// Comments on a requirement or task: markdown, sanitized when shown; Ctrl+Enter posts.
import { createQuery } from '@tanstack/solid-query'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { ErrorNotice } from '../../ui/errors'
import { Markdown } from '../../ui/markdown-view'
import { loaded } from '../backlog/queries'
import { commentsQuery, type ItemTarget, useAddComment } from '../items/queries'
import { useWorkspace } from '../workspaces/workspace-context'

export function Comments(props: { target: ItemTarget; id: number }) {
  const { t, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const comments = createQuery(() => commentsQuery(ws.id(), props.target, props.id))
  const add = useAddComment(ws.id, props.target, () => props.id)
  const [body, setBody] = createSignal('')
  const id = createUniqueId()
  const submit = () => {
    const text = body().trim()
    if (!text) return
    // Cleared at once; an error brings the text back.
    setBody('')
    add.mutate(text, { onError: () => !body() && setBody(text) })
  }
  return (
    <section class="item-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="item-section-title">
        {t('items.comments')}
        <span class="count">{loaded(comments)?.items.length ?? 0}</span>
      </h2>
      <ol class="comments">
        <For each={loaded(comments)?.items ?? []} fallback={<li class="muted">{t('items.noComments')}</li>}>
          {(comment) => (
            <li class="comment" data-testid="comment">
              {/* An imported comment names its original author, who has no account here. */}
              <Avatar name={comment.author?.name ?? comment.authorName ?? '?'} small />
              <div class="comment-body">
                <p class="comment-meta">
                  <strong>{comment.author?.name ?? comment.authorName ?? t('items.someone')}</strong>
                  <time datetime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
                </p>
                <Markdown source={comment.body} />
              </div>
            </li>
          )}
        </For>
      </ol>
      <Show when={ws.can('comment.create')}>
        <form
          class="comment-form"
          onSubmit={(e) => {
            e.preventDefault()
            submit()
          }}
        >
          <label for={id} class="visually-hidden">
            {t('items.addComment')}
          </label>
          <textarea
            id={id}
            class="input textarea"
            rows={3}
            maxLength={20000}
            placeholder={t('items.commentPlaceholder')}
            value={body()}
            onInput={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault()
                submit()
              }
            }}
          />
          <ErrorNotice error={add.error} />
          <div class="editable-actions">
            <span class="field-hint">{t('items.markdownHint')}</span>
            <button type="submit" class="btn btn-primary btn-small" disabled={!body().trim()}>
              {t('items.comment')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  )
}
