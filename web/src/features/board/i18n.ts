// The board feature's words in both languages; wired into the app dictionaries as `board.*`.
export const boardEn = {
  title: 'Board',
}

export const boardZh: typeof boardEn = {
  title: '看板',
}
