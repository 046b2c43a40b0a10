// The roadmap feature's words in both languages; wired into the app dictionaries as `roadmap.*`.
export const roadmapEn = {
  title: 'Roadmap',
}

export const roadmapZh: typeof roadmapEn = {
  title: '路线图',
}
