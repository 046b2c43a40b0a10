// The backlog feature's words in both languages; wired into the app dictionaries as `backlog.*`.
export const backlogEn = {
  title: 'Backlog',
}

export const backlogZh: typeof backlogEn = {
  title: '需求池',
}
