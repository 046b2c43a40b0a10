// The items feature's words in both languages; wired into the app dictionaries as `items.*`.
export const itemsEn = {
  title: 'Item',
}

export const itemsZh: typeof itemsEn = {
  title: '事项',
}
