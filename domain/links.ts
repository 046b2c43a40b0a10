// Where things live in the web app, for links the server hands out (emails) and the web app follows alike.

/** What a notification is about, as far as its link needs. */
export interface NotificationTarget {
  entityType: string
  /** The requirement's or task's key (MES-42), when it is about one. */
  itemKey: string | null
  commentId: number | null
  productKey: string | null
}

/** Where a notification leads: the item's page (at the comment it names), the board, the members, else the inbox. */
export function notificationPath(ws: number, n: NotificationTarget): string {
  const base = `/w/${ws}`
  if (n.itemKey) return `${base}/i/${n.itemKey}${n.commentId ? `#comment-${n.commentId}` : ''}`
  if (n.entityType === 'iteration' && n.productKey) return `${base}/p/${n.productKey}/board`
  if (n.entityType === 'product' && n.productKey) return `${base}/p/${n.productKey}`
  if (n.entityType === 'member') return `${base}/settings/members`
  return `${base}/inbox`
}
