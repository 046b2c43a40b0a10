// Comments on a requirement or task: markdown, sanitized when shown; Ctrl+Enter posts. Its author edits a
// comment in place (it then shows as edited) or deletes it; so can a moderator delete it (comment.moderate).
// A comment's own files show under it; a file pasted into a comment is attached to the item meanwhile, and
// the comment waits for it before it can be posted.
import { createQuery } from '@tanstack/solid-query'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { Markdown } from '../../ui/markdown-view'
import { CommentFiles } from '../attachments/attachments-section'
import { loaded } from '../backlog/queries'
import {
  type Comment,
  commentsQuery,
  type ItemTarget,
  useAddComment,
  useCommentChanges,
} from '../items/queries'
import { MentionEditor } from '../notifications/mention-editor'
import type { MentionTarget } from '../notifications/queries'
import { useWorkspace } from '../workspaces/workspace-context'

export function Comments(props: { target: ItemTarget; id: number }) {
  const { t, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const comments = createQuery(() => commentsQuery(ws.id(), props.target, props.id))
  const add = useAddComment(ws.id, props.target, () => props.id)
  const changes = useCommentChanges(ws.id, props.target, () => props.id)
  const [editing, setEditing] = createSignal<number>()
  const [deleting, setDeleting] = createSignal<Comment>()
  const [body, setBody] = createSignal('')
  const [uploading, setUploading] = createSignal(false)
  const id = createUniqueId()
  const submit = () => {
    const text = body().trim()
    if (!text || uploading()) return
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
            <li class="comment" id={`comment-${comment.id}`} data-testid="comment">
              {/* An imported comment names its original author, who has no account here. */}
              <Avatar name={comment.author?.name ?? comment.authorName ?? '?'} small />
              <div class="comment-body">
                <p class="comment-meta">
                  <strong>{comment.author?.name ?? comment.authorName ?? t('items.someone')}</strong>
                  <time datetime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
                  <Show when={comment.updatedAt > comment.createdAt}>
                    <span class="comment-edited" title={formatDateTime(comment.updatedAt)}>
                      {t('items.commentEdited')}
                    </span>
                  </Show>
                  <CommentActions
                    comment={comment}
                    onEdit={() => setEditing(comment.id)}
                    onDelete={() => setDeleting(comment)}
                  />
                </p>
                <Show
                  when={editing() === comment.id}
                  fallback={
                    <>
                      <Markdown source={comment.body} />
                      <CommentFiles commentId={comment.id} body={comment.body} />
                    </>
                  }
                >
                  <CommentEditor
                    comment={comment}
                    changes={changes}
                    target={{ entityType: props.target, entityId: props.id }}
                    onDone={() => setEditing(undefined)}
                  />
                </Show>
              </div>
            </li>
          )}
        </For>
      </ol>
      <ConfirmDialog
        open={deleting() !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={t('items.deleteCommentTitle')}
        body={t('items.deleteCommentBody')}
        confirmLabel={t('items.deleteComment')}
        onConfirm={() => changes.remove.mutateAsync(deleting()!)}
      />
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
          <MentionEditor
            target={{ entityType: props.target, entityId: props.id }}
            id={id}
            rows={3}
            placeholder={t('items.commentPlaceholder')}
            value={body()}
            onValue={setBody}
            onSave={submit}
            onUploading={setUploading}
          />
          <ErrorNotice error={add.error ?? changes.remove.error} />
          <div class="editable-actions">
            <span class="field-hint">{t('items.markdownHint')}</span>
            <button type="submit" class="btn btn-primary btn-small" disabled={!body().trim() || uploading()}>
              {t('items.comment')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  )
}

type Changes = ReturnType<typeof useCommentChanges>

function CommentActions(props: { comment: Comment; onEdit: () => void; onDelete: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const mine = () => props.comment.author?.id === ws.me().user.id
  return (
    <span class="comment-actions">
      <Show when={mine() && ws.can('comment.create')}>
        <button type="button" class="link-btn" onClick={() => props.onEdit()}>
          {t('items.editComment')}
        </button>
      </Show>
      <Show when={mine() || ws.can('comment.moderate')}>
        <button type="button" class="link-btn" onClick={() => props.onDelete()}>
          {t('items.deleteComment')}
        </button>
      </Show>
    </span>
  )
}

function CommentEditor(props: {
  comment: Comment
  changes: Changes
  target: MentionTarget
  onDone: () => void
}) {
  const { t } = useI18n()
  const [body, setBody] = createSignal(props.comment.body)
  const [uploading, setUploading] = createSignal(false)
  const save = () => {
    const text = body().trim()
    if (!text || uploading()) return
    props.changes.edit.mutate({ comment: props.comment, body: text }, { onSuccess: () => props.onDone() })
  }
  return (
    <form
      class="comment-form"
      onSubmit={(e) => {
        e.preventDefault()
        save()
      }}
    >
      <MentionEditor
        target={props.target}
        rows={3}
        aria-label={t('items.editComment')}
        value={body()}
        onValue={setBody}
        onSave={save}
        onCancel={() => props.onDone()}
        onUploading={setUploading}
        autofocus
      />
      <ErrorNotice error={props.changes.edit.error} />
      <div class="editable-actions">
        <button type="button" class="btn btn-small" onClick={() => props.onDone()}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          class="btn btn-primary btn-small"
          disabled={!body().trim() || uploading() || props.changes.edit.isPending}
        >
          {t('common.save')}
        </button>
      </div>
    </form>
  )
}
