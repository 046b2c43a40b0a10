// The release words of the product settings in both languages; wired into the app dictionaries as
// `releases.*`.
export const releasesEn = {
  title: 'Releases',
  intro:
    'The versions customers get, each with a target date. Iterations and requirements name the release they ship in; the roadmap shows them as milestones.',
  empty: 'No releases yet.',
  emptyManage: 'No releases yet. Add the next version customers will get, e.g. “MES 2.5” on its target date.',
  add: 'Add release',
  name: 'Name',
  namePlaceholder: 'e.g. MES 2.5',
  targetDate: 'Target date',
  description: 'What it brings',
  planned: 'Planned',
  released: 'Released on {{ date }}',
  target: 'Target {{ date }}',
  edit: 'Edit',
  editTitle: 'Edit {{ name }}',
  markReleased: 'Mark released',
  reopen: 'Not released yet',
  delete: 'Delete',
  deleteTitle: 'Delete {{ name }}?',
  deleteBody:
    'Iterations and requirements in this release keep their work and no longer name a release. Its history stays.',
  actions: 'Actions for {{ name }}',
}

export const releasesZh: typeof releasesEn = {
  title: '发布',
  intro: '客户拿到的版本，各有目标日期。迭代和需求会注明所属发布；路线图上以里程碑显示。',
  empty: '还没有发布。',
  emptyManage: '还没有发布。添加客户将拿到的下一个版本，例如目标日期当天的“MES 2.5”。',
  add: '添加发布',
  name: '名称',
  namePlaceholder: '例如：MES 2.5',
  targetDate: '目标日期',
  description: '包含内容',
  planned: '计划中',
  released: '已于 {{ date }} 发布',
  target: '目标 {{ date }}',
  edit: '编辑',
  editTitle: '编辑 {{ name }}',
  markReleased: '标记为已发布',
  reopen: '改回未发布',
  delete: '删除',
  deleteTitle: '删除 {{ name }}？',
  deleteBody: '属于该发布的迭代和需求保留其工作，但不再关联发布。历史记录会保留。',
  actions: '{{ name }} 的操作',
}
