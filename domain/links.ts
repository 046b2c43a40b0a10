// Where things live in the web app, for links the server hands out (emails) and the web app follows alike.

/** What a notification is about, as far as its link needs. */
export interface NotificationTarget {
  entityType: string
  /** The requirement's or task's key (MES-42), when it is about one. */
  itemKey: string | null
  commentId: number | null
  productKey: string | null
  /** `activityId`: the history entry of the change it tells of (a status change), on the item's page. */
  data?: Record<string, unknown> | null
}

/**
 * Where a notification leads: the item's page (at the comment or the history entry it names), the board, the
 * members, else the inbox.
 */
export function notificationPath(ws: number, n: NotificationTarget): string {
  const base = `/w/${ws}`
  if (n.itemKey) {
    const activityId = n.data?.activityId
    const at = n.commentId
      ? `#comment-${n.commentId}`
      : typeof activityId === 'number'
        ? `#activity-${activityId}`
        : ''
    return `${base}/i/${n.itemKey}${at}`
  }
  if (n.entityType === 'iteration' && n.productKey) return `${base}/p/${n.productKey}/board`
  if (n.entityType === 'product' && n.productKey) return `${base}/p/${n.productKey}`
  if (n.entityType === 'member') return `${base}/settings/members`
  return `${base}/inbox`
}
