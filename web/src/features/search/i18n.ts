// The search feature's words in both languages; wired into the app dictionaries as `search.*`.
export const searchEn = {
  title: 'Search',
}

export const searchZh: typeof searchEn = {
  title: '搜索',
}
