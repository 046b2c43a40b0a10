// The plan feature's words in both languages; wired into the app dictionaries as `plan.*`.
export const planEn = {
  title: 'Plan',
}

export const planZh: typeof planEn = {
  title: '迭代规划',
}
